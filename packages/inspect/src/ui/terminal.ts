/** The terminal the interactive inspector runs in: stdin and stdout that are one TTY. */
export interface Terminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}
