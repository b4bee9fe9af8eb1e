declare module 'linebreak' {
  export interface Break {
    /** UTF-16 offset where the next line may begin. */
    position: number;
    /** A mandatory break (after a newline). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
