// Shell completion scripts generated from the command-line program itself, so they always
// list the real commands and flags. Service names come from the current project at
// completion time (`tcompose config --services`, with the -f/-p/… options already typed).
import type { Command, Option } from 'commander';
import { compareText } from '../model/order.js';

interface CommandInfo {
  readonly name: string;
  readonly description: string;
  readonly flags: readonly string[];
  readonly takesServices: boolean;
}

/** Global options whose value the shell must skip (or complete as a file) when finding the command. */
const valueOptions = ['-f', '--file', '-p', '--project-name', '--project-directory', '--env-file', '--profile', '--parallel', '--progress', '--ansi'];
/** The options that choose the project: passed on to `config --services`. */
const projectOptions = ['-f', '--file', '-p', '--project-name', '--project-directory', '--env-file', '--profile'];

const flagsOf = (options: readonly Option[]): string[] =>
  options.filter((o) => !o.hidden).flatMap((o) => [o.short, o.long].filter((f): f is string => Boolean(f)));

function describe(program: Command): { globals: string[]; commands: CommandInfo[] } {
  const commands = program.commands
    .filter((c) => !(c as unknown as { _hidden?: boolean })._hidden)
    .map((c) => ({
      name: c.name(),
      description: c.description(),
      flags: flagsOf(c.options),
      takesServices: c.registeredArguments.some((a) => /service/i.test(a.name())),
    }))
    .sort((a, b) => compareText(a.name, b.name));
  return { globals: [...flagsOf(program.options), '--help'], commands };
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function bashCompletion(program: Command): string {
  const bin = program.name();
  const fn = `_${bin.replace(/\W/g, '_')}`;
  const { globals, commands } = describe(program);
  const cases = commands
    .map((c) => `    ${c.name}) opts=${sq([...c.flags, '--help'].join(' '))}; services=${c.takesServices ? 1 : 0} ;;`)
    .join('\n');
  return `# ${bin} completion for bash. Load it with: source <(${bin} completion bash)
${fn}_services() {
  local -a args=()
  local i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${projectOptions.join('|')}) args+=("\${COMP_WORDS[i]}" "\${COMP_WORDS[i+1]}"); ((i++)) ;;
    esac
  done
  ${bin} "\${args[@]}" config --services 2>/dev/null
}

${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local cmd="" opts="" services=0 i
  case "$prev" in
    -f|--file|--env-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --project-directory) COMPREPLY=($(compgen -d -- "$cur")); return ;;
  esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${valueOptions.join('|')}) ((i++)) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  local globals=${sq(globals.join(' '))}
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "$globals" -- "$cur"))
    else
      COMPREPLY=($(compgen -W ${sq(commands.map((c) => c.name).join(' '))} -- "$cur"))
    fi
    return
  fi
  case "$cmd" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts $globals" -- "$cur"))
  elif [[ "$cmd" == completion ]]; then
    COMPREPLY=($(compgen -W 'bash zsh' -- "$cur"))
  elif ((services)); then
    COMPREPLY=($(compgen -W "$(${fn}_services)" -- "$cur"))
  fi
}
complete -o default -F ${fn} ${bin}
`;
}

export function zshCompletion(program: Command): string {
  const bin = program.name();
  const fn = `_${bin.replace(/\W/g, '_')}`;
  const { globals, commands } = describe(program);
  const described = commands.map((c) => `    ${sq(`${c.name}:${c.description.replace(/:/g, '\\:')}`)}`).join('\n');
  const cases = commands
    .map((c) => `    ${c.name}) opts=(${[...c.flags, '--help'].join(' ')}); services=${c.takesServices ? 1 : 0} ;;`)
    .join('\n');
  return `#compdef ${bin}
# ${bin} completion for zsh. Load it with: source <(${bin} completion zsh)
${fn}_services() {
  local -a args
  local i
  for ((i = 2; i < CURRENT; i++)); do
    case "\${words[i]}" in
      ${projectOptions.join('|')}) args+=("\${words[i]}" "\${words[i+1]}"); ((i++)) ;;
    esac
  done
  ${bin} "\${args[@]}" config --services 2>/dev/null
}

${fn}() {
  local cmd="" services=0 i
  local -a opts commands globals
  globals=(${globals.join(' ')})
  commands=(
${described}
  )
  case "\${words[CURRENT-1]}" in
    -f|--file|--env-file) _files; return ;;
    --project-directory) _files -/; return ;;
  esac
  for ((i = 2; i < CURRENT; i++)); do
    case "\${words[i]}" in
      ${valueOptions.join('|')}) ((i++)) ;;
      -*) ;;
      *) cmd="\${words[i]}"; break ;;
    esac
  done
  if [[ -z "$cmd" ]]; then
    if [[ "$PREFIX" == -* ]]; then compadd -- $globals; else _describe 'command' commands; fi
    return
  fi
  case "$cmd" in
${cases}
  esac
  if [[ "$PREFIX" == -* ]]; then
    compadd -- $opts $globals
  elif [[ "$cmd" == completion ]]; then
    compadd -- bash zsh
  elif ((services)); then
    compadd -- \${(f)"$(${fn}_services)"}
  else
    _files
  fi
}

if [[ "\${funcstack[1]}" == "${fn}" ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${bin}
fi
`;
}
