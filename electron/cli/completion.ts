// Shell completion scripts for bash, zsh and fish, written from the same option tables as the
// parser and the help, so a new option or command completes without anyone touching a script.
// App IDs come from `confine list` (its plain form reads no permissions), run as the user typed
// the command, so a `./bin/confine.js` completes its own apps.

import { changeOptionChoices, CHANGE_OPTIONS } from '../../shared/flatpak/override-args';
import type { Version } from '../../shared/flatpak/version';
import { defineMessages, formatList, t } from '../../shared/i18n';
import { COMMAND_SPECS, OPTION_SPECS, type CommandSpec, type OptionName, type OptionSpec, type Shell } from './options';

interface Option {
  readonly name: string;
  readonly help: string;
  /** Takes a value (`--name VALUE` or `--name=VALUE`). */
  readonly value?: string;
  readonly complete?: readonly string[] | 'dir';
  readonly list?: true;
  /** May be given more than once (the change options of `override`). */
  readonly repeats?: true;
}

interface Command {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly Option[];
  readonly operands?: CommandSpec['operands'];
}

// Descriptions a shell shows beside what it offers, in the language of the run that writes the script.
const M = defineMessages({
  help: { id: 'cli.completion.help-option', defaultMessage: 'show the help of this command' },
  changeOption: {
    id: 'cli.completion.change-option',
    defaultMessage: 'as {command} does',
    description: 'A change option of confine override; command: flatpak override --socket (or another option)',
  },
  topHelp: { id: 'cli.completion.top-help', defaultMessage: 'show all commands' },
  topVersion: { id: 'cli.completion.top-version', defaultMessage: 'print the version' },
  app: { id: 'cli.completion.app', defaultMessage: 'app', description: 'What zsh calls the app IDs it offers' },
  file: { id: 'cli.completion.file', defaultMessage: 'file', description: 'What zsh calls the files it offers' },
  command: {
    id: 'cli.completion.command',
    defaultMessage: 'confine command',
    description: 'What zsh calls the commands it offers',
  },
});

const helpOption = (): Option => ({ name: 'help', help: t(M.help) });

function tableOption(name: OptionName): Option {
  const o: OptionSpec = OPTION_SPECS[name];
  return {
    name,
    help: o.help,
    ...(o.value ? { value: o.value } : {}),
    ...(o.complete ? { complete: o.complete } : {}),
    ...(o.list ? { list: true } : {}),
  };
}

function changeOption(name: string, version: Version): Option {
  const choices = changeOptionChoices(name, version);
  return {
    name,
    help: t(M.changeOption, { command: `flatpak override --${name}` }),
    value: 'VALUE',
    repeats: true,
    ...(choices.length > 0 ? { complete: choices } : {}),
  };
}

/** Every command with what completes after it; the change options' names as this Flatpak knows them. */
function commands(version: Version): Command[] {
  return Object.entries(COMMAND_SPECS).map(([name, spec]: [string, CommandSpec]) => ({
    name,
    summary: spec.summary,
    options: [
      ...spec.options.map(tableOption),
      ...(spec.changes ? CHANGE_OPTIONS.map((c) => changeOption(c, version)) : []),
      helpOption(),
    ],
    ...(spec.operands ? { operands: spec.operands } : {}),
  }));
}

/** Quotes a word for bash, zsh or fish: single quotes, with a quote written outside them. */
const sq = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(cmds: readonly Command[]): string {
  const names = cmds.map((c) => c.name).join(' ');
  const perCommand = cmds
    .map((c) => {
      const flags = c.options.filter((o) => !o.value).map((o) => `--${o.name}`);
      const values = c.options.filter((o) => o.value).map((o) => `--${o.name}`);
      return `    ${c.name}) flags=${sq(flags.join(' '))}; values=${sq(values.join(' '))} ;;`;
    })
    .join('\n');
  const valueCases = cmds
    .flatMap((c) =>
      c.options
        .filter((o) => o.complete)
        .map((o) =>
          o.complete === 'dir'
            ? `    ${sq(`${c.name} --${o.name}`)}) COMPREPLY=($(compgen -P "$pre" -d -- "$val")); return 0 ;;`
            : `    ${sq(`${c.name} --${o.name}`)}) words=${sq(o.complete?.join(' ') ?? '')}${o.list ? '; list=1' : ''} ;;`,
        ),
    )
    .join('\n');
  const operandCases = cmds
    .filter((c) => c.operands)
    .map((c) => {
      const reply =
        c.operands === 'app'
          ? `COMPREPLY=($(compgen -W "$("\${COMP_WORDS[0]}" list 2>/dev/null | cut -f1)" -- "$cur"))`
          : c.operands === 'file'
            ? 'COMPREPLY=($(compgen -f -- "$cur"))'
            : `(( COMP_CWORD == 2 )) && COMPREPLY=($(compgen -W ${sq(c.operands?.join(' ') ?? '')} -- "$cur"))`;
      return `    ${c.name}) ${reply} ;;`;
    })
    .join('\n');
  return `# Completion of confine for bash, made from its option tables by \`confine completion bash\`.
_confine() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  COMPREPLY=()
  if (( COMP_CWORD == 1 )); then
    COMPREPLY=($(compgen -W ${sq(`${names} help --help --version`)} -- "$cur"))
    return 0
  fi
  local cmd=\${COMP_WORDS[1]} flags= values= opt= val= pre= words= list=
  case $cmd in
    help) (( COMP_CWORD == 2 )) && COMPREPLY=($(compgen -W ${sq(names)} -- "$cur")); return 0 ;;
${perCommand}
    *) return 0 ;;
  esac
  # The option whose value is typed: --opt=VAL as one word, split at = (bash's COMP_WORDBREAKS), or --opt VAL.
  if [[ $cur == --*=* ]]; then
    opt=\${cur%%=*}; val=\${cur#*=}; pre=$opt=
  elif [[ $cur == = && $prev == --* ]]; then
    opt=$prev
  elif [[ $prev == = ]] && (( COMP_CWORD > 3 )); then
    opt=\${COMP_WORDS[COMP_CWORD-2]}; val=$cur
  elif [[ -n $prev && " $values " == *" $prev "* ]]; then
    opt=$prev; val=$cur
  fi
  if [[ -n $opt ]]; then
    case "$cmd $opt" in
${valueCases}
    *) return 0 ;;
    esac
    if [[ -n $list && $val == *,* ]]; then pre=$pre\${val%,*},; val=\${val##*,}; fi
    COMPREPLY=($(compgen -P "$pre" -W "$words" -- "$val"))
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags $values" -- "$cur"))
    return 0
  fi
  case $cmd in
${operandCases}
  esac
  return 0
}
complete -F _confine confine
`;
}

/** A description inside _arguments' brackets, where [ ] : and \\ mean something. */
const zshDescription = (text: string) => text.replace(/[[\]:\\]/g, (c) => `\\${c}`);

function zshAction(o: Option): string {
  if (o.complete === 'dir') return '_files -/';
  if (o.complete === undefined) return ' ';
  // One word, also of a list (_values would take the comma list, but reads mask:keys as a value
  // with an argument); a colon would end the spec.
  return `(${o.complete.map((w) => w.replace(/:/g, '\\:')).join(' ')})`;
}

function zsh(cmds: readonly Command[]): string {
  const described = cmds.map((c) => `    ${sq(`${c.name}:${c.summary}`)}`).join('\n');
  const topHelp = t(M.topHelp);
  const cases = cmds
    .map((c) => {
      const specs = c.options.map((o) =>
        sq(
          o.value
            ? `${o.repeats ? '*' : ''}--${o.name}=[${zshDescription(o.help)}]:${o.value}:${zshAction(o)}`
            : `--${o.name}[${zshDescription(o.help)}]`,
        ),
      );
      if (c.operands === 'app') specs.push(sq(`*:${zshDescription(t(M.app))}:_confine_apps`));
      else if (c.operands === 'file') specs.push(sq(`*:${zshDescription(t(M.file))}:_files`));
      else if (c.operands) specs.push(sq(`1:${formatList(c.operands, 'disjunction')}:(${c.operands.join(' ')})`));
      return `    ${c.name}) _arguments -S \\\n      ${specs.join(' \\\n      ')} ;;`;
    })
    .join('\n');
  return `#compdef confine
# Completion of confine for zsh, made from its option tables by \`confine completion zsh\`.
_confine_apps() {
  local -a apps
  apps=(\${(f)"$(\${_confine_command:-confine} list 2>/dev/null | cut -f1)"})
  _describe -t apps ${sq(t(M.app))} apps
}

_confine() {
  local _confine_command=\${words[1]}
  local -a commands
  commands=(
${described}
    ${sq(`help:${topHelp}`)}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands ${sq(t(M.command))} commands
    _arguments ${sq(`--help[${zshDescription(topHelp)}]`)} ${sq(`--version[${zshDescription(t(M.topVersion))}]`)}
    return
  fi
  local cmd=\${words[2]}
  shift words
  (( CURRENT-- ))
  case $cmd in
    help) _describe -t commands ${sq(t(M.command))} commands ;;
${cases}
  esac
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _confine "$@"
else
  compdef _confine confine
fi
`;
}

function fish(cmds: readonly Command[]): string {
  const lines = [
    '# Completion of confine for fish, made from its option tables by `confine completion fish`.',
    'function __confine_apps',
    '    set -l command (commandline -opc)[1]',
    '    $command list 2>/dev/null | string split -f1 \\t',
    'end',
    'complete -c confine -f',
    `complete -c confine -n __fish_use_subcommand -l help -d ${sq(t(M.topHelp))}`,
    `complete -c confine -n __fish_use_subcommand -l version -d ${sq(t(M.topVersion))}`,
    `complete -c confine -n __fish_use_subcommand -a help -d ${sq(t(M.topHelp))}`,
    `complete -c confine -n '__fish_seen_subcommand_from help' -a ${sq(cmds.map((c) => c.name).join(' '))}`,
  ];
  for (const c of cmds) {
    const when = `-n ${sq(`__fish_seen_subcommand_from ${c.name}`)}`;
    lines.push(`complete -c confine -n __fish_use_subcommand -a ${c.name} -d ${sq(c.summary)}`);
    for (const o of c.options) {
      const value = !o.value
        ? ''
        : o.complete === 'dir'
          ? ' -x -a "(__fish_complete_directories)"'
          : o.complete
            ? ` -x -a ${sq(o.complete.join(' '))}`
            : ' -x';
      lines.push(`complete -c confine ${when} -l ${o.name}${value} -d ${sq(o.help)}`);
    }
    if (c.operands === 'app') lines.push(`complete -c confine ${when} -a '(__confine_apps)'`);
    else if (c.operands === 'file') lines.push(`complete -c confine ${when} -F`);
    else if (c.operands) lines.push(`complete -c confine ${when} -a ${sq(c.operands.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script of one shell, for the change options' names as this Flatpak knows them. */
export function completionScript(shell: Shell, version: Version): string {
  const cmds = commands(version);
  return shell === 'bash' ? bash(cmds) : shell === 'zsh' ? zsh(cmds) : fish(cmds);
}
