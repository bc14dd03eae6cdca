import { createInterface, type Interface } from "node:readline";

/**
 * Questions to the person at the terminal. One reader for the whole process keeps every line
 * typed, also lines typed ahead of the question (pasted answers arrive in one chunk), and the
 * terminal is paused between questions so a finished command can exit.
 */
export class TerminalPrompt {
  private reader: Interface | undefined;
  private readonly typed: string[] = [];
  private waiting: ((line: string) => void) | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {}

  ask = async (question: string): Promise<string> => {
    this.output.write(question);
    const line = this.typed.shift() ?? (await this.nextLine());
    return line.trim();
  };

  private nextLine(): Promise<string> {
    const reader = this.open();
    return new Promise((resolve) => {
      this.waiting = (line) => {
        this.waiting = undefined;
        reader.pause();
        resolve(line);
      };
      reader.resume();
    });
  }

  private open(): Interface {
    if (this.reader) return this.reader;
    const reader = createInterface({ input: this.input, terminal: false });
    reader.on("line", (line) => {
      if (this.waiting) this.waiting(line);
      else this.typed.push(line);
    });
    this.reader = reader;
    return reader;
  }
}
