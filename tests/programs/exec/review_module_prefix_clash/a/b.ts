export interface S { y: u32; z: u32; }
export function f(s: S): u32 { return s.y + s.z + 20; }
