export async function runStdioServer(): Promise<void> { throw new Error("not yet"); }
