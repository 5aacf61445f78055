/** The IR a scene gets when it names none: the lab's own default space. Its own module: the page needs it before the scene parser loads. */
export const SCENE_DEFAULT_IR_ID = 'ir-antwerp-street';
