export declare const PRIVATE_DIR_MODE: number;
export declare const PRIVATE_FILE_MODE: number;
export declare function makePrivateDir(dir: string): void;
export declare function securePrivateDir(dir: string, fileNames: string[]): void;
export declare function securePrivateSqlite(file: string): void;
