export const enum Mode {
  On = 100,
  Off,
}

export const VERSION: u16 = 2;
