export function answer(): u32 { return 42; }
