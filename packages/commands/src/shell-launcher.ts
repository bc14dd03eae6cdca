import { StringDecoder } from "node:string_decoder";

/**
 * The launcher behind createShellPool (shell-pool.ts): one small perl process that forks the
 * deploy commands for node, and the two halves of the protocol between them.
 *
 * node -> launcher, on its stdin, frames `<length>\n<payload>`, payload fields split by NUL:
 *   R id cwd command [+NAME=value | -NAME]...  start `bash -eo pipefail -c command` in cwd,
 *                                              the launcher's environment changed as listed
 *   K id SIGNAL                                signal the command's process group
 * launcher -> node, on its stdout:
 *   O id length\n<bytes>    output (stdout and stderr merged, in the order written)
 *   E id status\n           the command ended; every byte of its output came before
 *   X id message\n          the command could not be started
 *
 * Why perl: it is on every runner image (git needs it), and its fork+exec costs less than one
 * from xargs, where a fork of the action's node process (100 MB and more) costs several
 * times that, on node's one thread. A command's output pipe is drained and closed when the
 * command ends, so a daemon it left behind can never hold the target up or write into
 * another target's lines.
 */
export const LAUNCHER_SOURCE = String.raw`
use strict;
# Fcntl, not POSIX: POSIX doubles what perl maps, and every fork copies that.
use Fcntl qw(F_GETFL F_SETFL O_NONBLOCK);
my @shell = @ARGV;
my $WNOHANG = 1;
# Only to interrupt select: a command ended.
$SIG{CHLD} = sub {};
binmode STDIN; binmode STDOUT;
my (%pid, %id_of_pid, %pipe, %id_of_fd);
my ($in, $out) = ('', '');

sub drain {
  my ($id, $final) = @_;
  my $fh = $pipe{$id} or return;
  while (1) {
    my $n = sysread($fh, my $data, 65536);
    if ($n) { $out .= "O $id " . length($data) . "\n" . $data; next }
    next if !defined $n && $!{EINTR};
    last if !defined $n && $!{EAGAIN} && !$final;
    # End of output, or the command ended: whatever still holds the pipe writes into nothing.
    delete $id_of_fd{fileno $fh};
    close $fh;
    delete $pipe{$id};
    last;
  }
}

sub reap {
  while ((my $pid = waitpid(-1, $WNOHANG)) > 0) {
    my $status = $?;
    my $id = delete $id_of_pid{$pid};
    next unless defined $id;
    delete $pid{$id};
    drain($id, 1);
    my $code = ($status & 127) ? 128 + ($status & 127) : $status >> 8;
    $out .= "E $id $code\n";
  }
}

sub start {
  my ($id, $cwd, $command, @env) = @_;
  my ($r, $w);
  if (!pipe($r, $w)) { $out .= "X $id no pipe: $!\n"; return }
  my $pid = fork();
  if (!defined $pid) { $out .= "X $id no fork: $!\n"; close $r; close $w; return }
  if (!$pid) {
    # The command leads its own process group: a timeout or a cancel kills its whole tree.
    setpgrp(0, 0);
    $SIG{CHLD} = 'DEFAULT';
    open(STDIN, '<', '/dev/null');
    open(STDOUT, '>&', $w);
    open(STDERR, '>&', $w);
    chdir($cwd) or do { print STDERR "cannot enter $cwd: $!\n"; exit 126 };
    for (@env) {
      if (/\A\+([^=]*)=(.*)\z/s) { $ENV{$1} = $2 } elsif (/\A-(.*)\z/s) { delete $ENV{$1} }
    }
    exec { $shell[0] } @shell, $command;
    print STDERR "cannot run $shell[0]: $!\n";
    exit 127;
  }
  setpgrp($pid, $pid);
  close $w;
  # Perl's own pipes are close-on-exec: no command inherits another's.
  fcntl($r, F_SETFL, fcntl($r, F_GETFL, 0) | O_NONBLOCK);
  $pid{$id} = $pid;
  $id_of_pid{$pid} = $id;
  $pipe{$id} = $r;
  $id_of_fd{fileno $r} = $id;
}

sub request {
  my ($kind, @fields) = split /\0/, $_[0], -1;
  if ($kind eq 'R') { start(@fields) }
  elsif ($kind eq 'K') { my $pid = $pid{$fields[0]}; kill($fields[1], -$pid) if $pid }
}

while (1) {
  reap();
  while (length $out) {
    my $n = syswrite(STDOUT, $out);
    if (!defined $n) { next if $!{EINTR}; exit 0 }
    substr($out, 0, $n) = '';
  }
  my $rin = '';
  vec($rin, 0, 1) = 1;
  vec($rin, $_, 1) = 1 for keys %id_of_fd;
  # The timeout only covers a command that ended just before select began.
  my $ready = select(my $rout = $rin, undef, undef, %pid ? 0.2 : undef);
  next if $ready <= 0;
  if (vec($rout, 0, 1)) {
    my $n = sysread(STDIN, $in, 65536, length $in);
    # node is gone or done: the commands run on in their own groups, as spawned ones do.
    exit 0 if defined $n && $n == 0;
    while ($in =~ /\A(\d+)\n/) {
      my $start = length($1) + 1;
      last if length($in) < $start + $1;
      my $frame = substr($in, $start, $1);
      substr($in, 0, $start + $1) = '';
      request($frame);
    }
  }
  for my $fd (keys %id_of_fd) { drain($id_of_fd{$fd}, 0) if vec($rout, $fd, 1) }
}
`;

/** One frame for the launcher's stdin. */
export function launcherFrame(fields: readonly string[]): Buffer {
  const payload = Buffer.from(fields.join("\0"));
  return Buffer.concat([Buffer.from(`${payload.length}\n`), payload]);
}

/**
 * A request's environment as changes to the launcher's own: `+NAME=value` for what is new or
 * different, `-NAME` for what the launcher has and the command must not.
 */
export function environmentChanges(base: NodeJS.ProcessEnv, env: NodeJS.ProcessEnv): string[] {
  const changes: string[] = [];
  for (const key in env) {
    const value = env[key];
    if (value !== undefined && value !== base[key]) changes.push(`+${key}=${value}`);
  }
  for (const key in base) {
    if (base[key] !== undefined && env[key] === undefined) changes.push(`-${key}`);
  }
  return changes;
}

export type LauncherEvent =
  | { kind: "output"; id: string; data: Buffer }
  | { kind: "exit"; id: string; status: number }
  | { kind: "failed"; id: string; message: string };

/** Reads the launcher's stdout into events, whatever the chunk boundaries. */
export class LauncherReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly emit: (event: LauncherEvent) => void) {}

  push(chunk: Buffer) {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const newline = data.indexOf(0x0a);
      if (newline < 0) break;
      const header = data.toString("latin1", 0, newline);
      const [kind, id = "", value = ""] = header.split(" ", 3);
      if (kind === "O") {
        const end = newline + 1 + Number(value);
        if (data.length < end) break;
        this.emit({ kind: "output", id, data: data.subarray(newline + 1, end) });
        data = data.subarray(end);
        continue;
      }
      if (kind === "E") this.emit({ kind: "exit", id, status: Number(value) });
      else if (kind === "X") {
        const message = data.toString("utf8", header.indexOf(" ", 2) + 1, newline);
        this.emit({ kind: "failed", id, message });
      }
      data = data.subarray(newline + 1);
    }
    this.pending = Buffer.from(data);
  }
}

/** Splits a command's output into lines as readline does (\n, \r\n or \r). */
export class Lines {
  private rest = "";
  private readonly decoder = new StringDecoder("utf8");

  constructor(private readonly emit: (line: string) => void) {}

  push(bytes: Buffer) {
    const text = this.rest + this.decoder.write(bytes);
    const pattern = /\r\n|\n|\r/g;
    let from = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      // A \r at the very end may be the first half of a \r\n: wait for the next chunk.
      if (match[0] === "\r" && match.index === text.length - 1) break;
      this.emit(text.slice(from, match.index));
      from = match.index + match[0].length;
    }
    this.rest = text.slice(from);
  }

  /** The last line, unterminated, and a character cut short at the very end. */
  end() {
    const rest = this.rest + this.decoder.end();
    this.rest = "";
    const line = rest.endsWith("\r") ? rest.slice(0, -1) : rest;
    if (rest) this.emit(line);
  }
}
