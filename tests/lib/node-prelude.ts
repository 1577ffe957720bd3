// The systems prelude for Node.js lives with the tools, which run the
// kernel's pure checks with it (tools/subset-node.ts); the differential tests
// import it from here.
export * from "../../tools/subset-node.js";
