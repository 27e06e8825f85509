export declare const root: string;
export declare function isBuildStale(): boolean;
export declare function buildIfStale(pnpm?: string[]): number;
