export function asctime(d?: Date): string;
export function seqLine(seq: number, t?: number): string;
export function sleep(ms: number): Promise<void>;
export function report(obj: unknown): void;
