// Reference, nullable reference, Ptr and function-reference fields are 4-byte
// pointers on i386.
interface Node { v: u8; next: Node | null; }
type Fn = (x: u32) => u32;
interface RF {
  a: u8;
  next: RF | null;
  f: Fn;
  p: Ptr<u32>;
  b: u8;
  r: Node;
  g: Fn | null;
}

function show(label: CStr, v: usize): void {
  write(label);
  write(" ");
  print(v);
}

export function main(): i32 {
  show("Node", sizeOf<Node>());
  show("Node.next", offsetOf<Node>("next"));
  show("RF", sizeOf<RF>());
  show("RF.next", offsetOf<RF>("next"));
  show("RF.f", offsetOf<RF>("f"));
  show("RF.p", offsetOf<RF>("p"));
  show("RF.b", offsetOf<RF>("b"));
  show("RF.r", offsetOf<RF>("r"));
  show("RF.g", offsetOf<RF>("g"));
  return 0;
}
