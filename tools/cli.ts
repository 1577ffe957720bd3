// The `tsuki` command line: one subcommand per tool, each in its own module
// exporting `run(args): Promise<number>` (the process exit status).

const COMMANDS: Record<string, { module: string; summary: string }> = {
  compile: { module: "../compiler/cli.js", summary: "compile systems TypeScript to C and i386 code" },
  image: { module: "./image.js", summary: "assemble a boot image from its parts" },
  inspect: { module: "./inspect.js", summary: "print and check a boot image" },
  run: { module: "./run.js", summary: "boot an image headless in QEMU (directly or under GRUB)" },
  debug: { module: "./debug.js", summary: "boot an image halted under gdb, with TypeScript source lines" },
  layout: { module: "./layout.js", summary: "draw the memory layout from a boot log and check the spec's rules" },
  iso: { module: "./iso.js", summary: "write a bootable GRUB ISO (linux and linux16 entries)" },
  build: { module: "./build.js", summary: "build build/tsuki.img, build/kernel.elf, build/procmgr.elf" },
};

function usage(): string {
  const lines = ["usage: tsuki COMMAND [ARGS...]", "", "commands:"];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(9)} ${c.summary}`);
  lines.push("", "`tsuki COMMAND --help` describes a command's options.");
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`tsuki: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const mod = (await import(command.module)) as { run(args: string[]): Promise<number> };
  return mod.run(args);
}
