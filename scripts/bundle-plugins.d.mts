// Types for what tests/bundle-plugins.test.ts checks of the bundle's plugins.
export declare const NATIVE_INFLATE: string;
export declare function fastBidiClasses(source: string): string;
