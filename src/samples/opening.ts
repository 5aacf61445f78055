/**
 * What the lab opens with, by manifest id: the story starts with the canned shot… heard
 * among the towers of a narrow downtown street. The build preloads the clip's file
 * (scripts/preload-opening.ts), so it is kept here, apart from the app's code.
 */
export const OPENING_CLIP_ID = 'gm-gunshot-canned';
export const OPENING_IR_ID = 'ir-canyon-narrow';
