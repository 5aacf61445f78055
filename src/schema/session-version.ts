/** The shape of the stored session now (src/schema/session.ts); a change of shape needs a new one and a migration. */
export const SESSION_VERSION = 3;
