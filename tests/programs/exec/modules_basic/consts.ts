export const PAGE_SHIFT = 12;
export const PAGE_SIZE: u32 = 1 << PAGE_SHIFT;
export const GREETING: CStr = "hello from consts";
export const LIMITS: readonly u32[] = [10, 20, 30, 40];
