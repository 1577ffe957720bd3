export interface S { x: u32; }
export function f(s: S): u32 { return s.x + 10; }
