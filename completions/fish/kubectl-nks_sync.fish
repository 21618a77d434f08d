function __kubectl-nks_sync_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kubectl-nks_sync_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kubectl-nks_sync_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kubectl-nks_sync_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kubectl-nks_sync_parse_tokens -S
    set -l unparsed_tokens (__kubectl-nks_sync_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kubectl-nks_sync'
        __kubectl-nks_sync_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __kubectl-nks_sync_parse_subcommand 0 'preset=+' 'repo=' 'version' 'h/help'
        case 'status'
            __kubectl-nks_sync_parse_subcommand -r 1 'l/selector=' 'group=+' 'repo=' 'allow-dirty' 'o/output=' 'no-headers' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 'A/all-namespaces' 'as=' 'as-group=+' 'request-timeout=' 'node-access=' 'ssh-user=' 'i/ssh-identity=' 'ssh-port=' 'ssh-config=' 'ssh-jump=' 'ssh-known-hosts=' 'accept-new-host-keys' 'ssh-persist=' 'sudo' 'no-sudo' 'debug-image=' 'parallel=' 'node-timeout=' 'address-type=' 'no-progress' 'version' 'h/help'
        case 'diff'
            __kubectl-nks_sync_parse_subcommand -r 1 'l/selector=' 'group=+' 'repo=' 'allow-dirty' 'revision=' 'since=' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 'A/all-namespaces' 'as=' 'as-group=+' 'request-timeout=' 'node-access=' 'ssh-user=' 'i/ssh-identity=' 'ssh-port=' 'ssh-config=' 'ssh-jump=' 'ssh-known-hosts=' 'accept-new-host-keys' 'ssh-persist=' 'sudo' 'no-sudo' 'debug-image=' 'parallel=' 'node-timeout=' 'address-type=' 'no-progress' 'version' 'h/help'
        case 'push'
            __kubectl-nks_sync_parse_subcommand -r 1 'l/selector=' 'group=+' 'dry-run' 'y/yes' 'batches=' 'max-unavailable=' 'max-failures=' 'pause=' 'wait-timeout=' 'reboot' 'reboot-via-kured' 'repo=' 'allow-dirty' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 'A/all-namespaces' 'as=' 'as-group=+' 'request-timeout=' 'node-access=' 'ssh-user=' 'i/ssh-identity=' 'ssh-port=' 'ssh-config=' 'ssh-jump=' 'ssh-known-hosts=' 'accept-new-host-keys' 'ssh-persist=' 'sudo' 'no-sudo' 'debug-image=' 'parallel=' 'node-timeout=' 'address-type=' 'no-progress' 'version' 'h/help'
        case 'rollback'
            __kubectl-nks_sync_parse_subcommand -r 2 'push' 'repo=' 'allow-dirty' 'dry-run' 'y/yes' 'batches=' 'max-unavailable=' 'max-failures=' 'pause=' 'wait-timeout=' 'reboot' 'reboot-via-kured' 'l/selector=' 'group=+' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 'A/all-namespaces' 'as=' 'as-group=+' 'request-timeout=' 'node-access=' 'ssh-user=' 'i/ssh-identity=' 'ssh-port=' 'ssh-config=' 'ssh-jump=' 'ssh-known-hosts=' 'accept-new-host-keys' 'ssh-persist=' 'sudo' 'no-sudo' 'debug-image=' 'parallel=' 'node-timeout=' 'address-type=' 'no-progress' 'version' 'h/help'
        case 'watch'
            __kubectl-nks_sync_parse_subcommand -r 1 'l/selector=' 'group=+' 'interval=' 'recheck=' 'push-drift' 'dry-run' 'y/yes' 'batches=' 'max-unavailable=' 'max-failures=' 'pause=' 'wait-timeout=' 'reboot' 'reboot-via-kured' 'repo=' 'allow-dirty' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 'A/all-namespaces' 'as=' 'as-group=+' 'request-timeout=' 'node-access=' 'ssh-user=' 'i/ssh-identity=' 'ssh-port=' 'ssh-config=' 'ssh-jump=' 'ssh-known-hosts=' 'accept-new-host-keys' 'ssh-persist=' 'sudo' 'no-sudo' 'debug-image=' 'parallel=' 'node-timeout=' 'address-type=' 'version' 'h/help'
        case 'import'
            __kubectl-nks_sync_parse_subcommand -r 2 'repo=' 'allow-dirty' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 'A/all-namespaces' 'as=' 'as-group=+' 'request-timeout=' 'node-access=' 'ssh-user=' 'i/ssh-identity=' 'ssh-port=' 'ssh-config=' 'ssh-jump=' 'ssh-known-hosts=' 'accept-new-host-keys' 'ssh-persist=' 'sudo' 'no-sudo' 'debug-image=' 'parallel=' 'node-timeout=' 'address-type=' 'version' 'h/help'
        case 'snapshot'
            __kubectl-nks_sync_parse_subcommand -r 1 'l/selector=' 'group=+' 'repo=' 'allow-dirty' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 'A/all-namespaces' 'as=' 'as-group=+' 'request-timeout=' 'node-access=' 'ssh-user=' 'i/ssh-identity=' 'ssh-port=' 'ssh-config=' 'ssh-jump=' 'ssh-known-hosts=' 'accept-new-host-keys' 'ssh-persist=' 'sudo' 'no-sudo' 'debug-image=' 'parallel=' 'node-timeout=' 'address-type=' 'no-progress' 'version' 'h/help'
        case 'log'
            __kubectl-nks_sync_parse_subcommand 0 'n/max-count=' 'repo=' 'snapshots' 'o/output=' 'no-headers' 'version' 'h/help'
        case 'disconnect'
            __kubectl-nks_sync_parse_subcommand 0 'version' 'h/help'
        case 'help'
            __kubectl-nks_sync_parse_subcommand -r 1 'version'
        end
    end
end

function __kubectl-nks_sync_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kubectl-nks_sync_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __kubectl-nks_sync_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kubectl-nks_sync_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kubectl-nks_sync_tokens -p)
    if test -z "$(__kubectl-nks_sync_tokens -t)"
        set -l index (count (__kubectl-nks_sync_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kubectl-nks_sync' -f
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'init' -d 'Create the nks-sync store (a git repository) with a first commit.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'status' -d 'Show each node\'s drift against the store.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'diff' -d 'Show unified diffs of node files against the store.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'push' -d 'Write the store\'s configuration to drifted nodes and activate it.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'rollback' -d 'Make an earlier revision\'s configuration current, as a new commit.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'watch' -d 'Push the store\'s revision to nodes as they join or become Ready; report drift periodically.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'import' -d 'Record a node\'s current files as the canonical content, as a commit.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'snapshot' -d 'Record the managed files as every node has them, in the store\'s history.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'log' -d 'Show the history of the store\'s configuration.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'disconnect' -d 'Close the node connections kept open by --ssh-persist.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_positional "kubectl-nks_sync" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync init"' -l 'preset' -d 'Start from a preset (repeatable; see the list below).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync init" repo' -l 'repo' -d 'Where to create the store. Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync init" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" l selector' -s 'l' -l 'selector' -d 'Label selector for nodes, as in kubectl (e.g. -l nodegroup=gpu).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status"' -l 'group' -d 'Only nodes of this manifest group (repeatable).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" repo' -l 'repo' -d 'The nks-sync store (a git repository). Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" allow-dirty' -l 'allow-dirty' -d 'Work although the store has uncommitted changes (the last commit is used).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name. json and yaml have stable field names.' -rfka 'table wide json yaml name'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" no-headers' -l 'no-headers' -d 'Print tables without their header line.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use for CLI requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" n namespace' -s 'n' -l 'namespace' -d 'If present, the namespace scope for this CLI request.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'If present, list the requested object(s) across all namespaces.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" as' -l 'as' -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status"' -l 'as-group' -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" request-timeout' -l 'request-timeout' -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" node-access' -l 'node-access' -d 'How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" ssh-user' -l 'ssh-user' -d 'User to log in as on nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" i ssh-identity' -s 'i' -l 'ssh-identity' -d 'Private key file for SSH.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" ssh-port' -l 'ssh-port' -d 'SSH port on the nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" ssh-config' -l 'ssh-config' -d 'ssh_config file to use (ssh -F).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" ssh-jump' -l 'ssh-jump' -d 'Jump host / bastion (ssh -J).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" ssh-known-hosts' -l 'ssh-known-hosts' -d 'known_hosts file where node host keys are pinned.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" accept-new-host-keys' -l 'accept-new-host-keys' -d 'Pin host keys of nodes seen for the first time; a changed key is still refused.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" ssh-persist' -l 'ssh-persist' -d 'Keep each node\'s SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" sudo' -l 'sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" no-sudo' -l 'no-sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" debug-image' -l 'debug-image' -d 'Image for kubectl debug helper pods.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" parallel' -l 'parallel' -d 'How many nodes to work on at once (default 32).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" node-timeout' -l 'node-timeout' -d 'Time limit per node, e.g. 30s, 2m, 1m30s.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" address-type' -l 'address-type' -d 'Node address to connect to: InternalIP, ExternalIP or Hostname.' -rfka 'InternalIP ExternalIP Hostname'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" no-progress' -l 'no-progress' -d 'Do not draw the progress line on stderr.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" l selector' -s 'l' -l 'selector' -d 'Label selector for nodes, as in kubectl (e.g. -l nodegroup=gpu).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff"' -l 'group' -d 'Only nodes of this manifest group (repeatable).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" repo' -l 'repo' -d 'The nks-sync store (a git repository). Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" allow-dirty' -l 'allow-dirty' -d 'Work although the store has uncommitted changes (the last commit is used).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" revision' -l 'revision' -d 'Compare against this store revision instead of the last commit.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" since' -l 'since' -d 'Show what changed on the nodes since this snapshot (see log --snapshots) instead.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use for CLI requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" n namespace' -s 'n' -l 'namespace' -d 'If present, the namespace scope for this CLI request.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'If present, list the requested object(s) across all namespaces.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" as' -l 'as' -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff"' -l 'as-group' -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" request-timeout' -l 'request-timeout' -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" node-access' -l 'node-access' -d 'How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" ssh-user' -l 'ssh-user' -d 'User to log in as on nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" i ssh-identity' -s 'i' -l 'ssh-identity' -d 'Private key file for SSH.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" ssh-port' -l 'ssh-port' -d 'SSH port on the nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" ssh-config' -l 'ssh-config' -d 'ssh_config file to use (ssh -F).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" ssh-jump' -l 'ssh-jump' -d 'Jump host / bastion (ssh -J).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" ssh-known-hosts' -l 'ssh-known-hosts' -d 'known_hosts file where node host keys are pinned.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" accept-new-host-keys' -l 'accept-new-host-keys' -d 'Pin host keys of nodes seen for the first time; a changed key is still refused.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" ssh-persist' -l 'ssh-persist' -d 'Keep each node\'s SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" sudo' -l 'sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" no-sudo' -l 'no-sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" debug-image' -l 'debug-image' -d 'Image for kubectl debug helper pods.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" parallel' -l 'parallel' -d 'How many nodes to work on at once (default 32).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" node-timeout' -l 'node-timeout' -d 'Time limit per node, e.g. 30s, 2m, 1m30s.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" address-type' -l 'address-type' -d 'Node address to connect to: InternalIP, ExternalIP or Hostname.' -rfka 'InternalIP ExternalIP Hostname'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" no-progress' -l 'no-progress' -d 'Do not draw the progress line on stderr.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" l selector' -s 'l' -l 'selector' -d 'Label selector for nodes, as in kubectl (e.g. -l nodegroup=gpu).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push"' -l 'group' -d 'Only nodes of this manifest group (repeatable).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" dry-run' -l 'dry-run' -d 'Show the plan and change nothing.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation (needed when there is no terminal).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" batches' -l 'batches' -d 'Ramp of batch sizes, e.g. 1,5,25% (a canary, then wider; the last step repeats).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" max-unavailable' -l 'max-unavailable' -d 'How many nodes may restart the kubelet or reboot at once (N or P%).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" max-failures' -l 'max-failures' -d 'Stop the rollout once more nodes than this have failed (N or P%).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" pause' -l 'pause' -d 'Wait this long between batches (e.g. 30s, 2m).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" wait-timeout' -l 'wait-timeout' -d 'How long to wait for a node to be Ready with its new configuration.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" reboot' -l 'reboot' -d 'Reboot nodes whose kernel arguments changed: cordon, drain, reboot, wait, uncordon, one budget at a time.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" reboot-via-kured' -l 'reboot-via-kured' -d 'Leave reboots to kured: write its sentinel /var/run/reboot-required.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" repo' -l 'repo' -d 'The nks-sync store (a git repository). Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" allow-dirty' -l 'allow-dirty' -d 'Work although the store has uncommitted changes (the last commit is used).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use for CLI requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" n namespace' -s 'n' -l 'namespace' -d 'If present, the namespace scope for this CLI request.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'If present, list the requested object(s) across all namespaces.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" as' -l 'as' -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push"' -l 'as-group' -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" request-timeout' -l 'request-timeout' -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" node-access' -l 'node-access' -d 'How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" ssh-user' -l 'ssh-user' -d 'User to log in as on nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" i ssh-identity' -s 'i' -l 'ssh-identity' -d 'Private key file for SSH.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" ssh-port' -l 'ssh-port' -d 'SSH port on the nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" ssh-config' -l 'ssh-config' -d 'ssh_config file to use (ssh -F).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" ssh-jump' -l 'ssh-jump' -d 'Jump host / bastion (ssh -J).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" ssh-known-hosts' -l 'ssh-known-hosts' -d 'known_hosts file where node host keys are pinned.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" accept-new-host-keys' -l 'accept-new-host-keys' -d 'Pin host keys of nodes seen for the first time; a changed key is still refused.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" ssh-persist' -l 'ssh-persist' -d 'Keep each node\'s SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" sudo' -l 'sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" no-sudo' -l 'no-sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" debug-image' -l 'debug-image' -d 'Image for kubectl debug helper pods.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" parallel' -l 'parallel' -d 'How many nodes to work on at once (default 32).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" node-timeout' -l 'node-timeout' -d 'Time limit per node, e.g. 30s, 2m, 1m30s.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" address-type' -l 'address-type' -d 'Node address to connect to: InternalIP, ExternalIP or Hostname.' -rfka 'InternalIP ExternalIP Hostname'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" no-progress' -l 'no-progress' -d 'Do not draw the progress line on stderr.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync push" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" push' -l 'push' -d 'Push the rolled-back configuration to the nodes right away.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" repo' -l 'repo' -d 'The nks-sync store (a git repository). Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" allow-dirty' -l 'allow-dirty' -d 'Work although the store has uncommitted changes (the last commit is used).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" dry-run' -l 'dry-run' -d 'Show the plan and change nothing.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation (needed when there is no terminal).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" batches' -l 'batches' -d 'Ramp of batch sizes, e.g. 1,5,25% (a canary, then wider; the last step repeats).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" max-unavailable' -l 'max-unavailable' -d 'How many nodes may restart the kubelet or reboot at once (N or P%).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" max-failures' -l 'max-failures' -d 'Stop the rollout once more nodes than this have failed (N or P%).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" pause' -l 'pause' -d 'Wait this long between batches (e.g. 30s, 2m).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" wait-timeout' -l 'wait-timeout' -d 'How long to wait for a node to be Ready with its new configuration.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" reboot' -l 'reboot' -d 'Reboot nodes whose kernel arguments changed: cordon, drain, reboot, wait, uncordon, one budget at a time.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" reboot-via-kured' -l 'reboot-via-kured' -d 'Leave reboots to kured: write its sentinel /var/run/reboot-required.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" l selector' -s 'l' -l 'selector' -d 'Label selector for nodes, as in kubectl (e.g. -l nodegroup=gpu).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback"' -l 'group' -d 'Only nodes of this manifest group (repeatable).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use for CLI requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" n namespace' -s 'n' -l 'namespace' -d 'If present, the namespace scope for this CLI request.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'If present, list the requested object(s) across all namespaces.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" as' -l 'as' -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback"' -l 'as-group' -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" request-timeout' -l 'request-timeout' -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" node-access' -l 'node-access' -d 'How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" ssh-user' -l 'ssh-user' -d 'User to log in as on nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" i ssh-identity' -s 'i' -l 'ssh-identity' -d 'Private key file for SSH.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" ssh-port' -l 'ssh-port' -d 'SSH port on the nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" ssh-config' -l 'ssh-config' -d 'ssh_config file to use (ssh -F).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" ssh-jump' -l 'ssh-jump' -d 'Jump host / bastion (ssh -J).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" ssh-known-hosts' -l 'ssh-known-hosts' -d 'known_hosts file where node host keys are pinned.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" accept-new-host-keys' -l 'accept-new-host-keys' -d 'Pin host keys of nodes seen for the first time; a changed key is still refused.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" ssh-persist' -l 'ssh-persist' -d 'Keep each node\'s SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" sudo' -l 'sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" no-sudo' -l 'no-sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" debug-image' -l 'debug-image' -d 'Image for kubectl debug helper pods.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" parallel' -l 'parallel' -d 'How many nodes to work on at once (default 32).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" node-timeout' -l 'node-timeout' -d 'Time limit per node, e.g. 30s, 2m, 1m30s.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" address-type' -l 'address-type' -d 'Node address to connect to: InternalIP, ExternalIP or Hostname.' -rfka 'InternalIP ExternalIP Hostname'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" no-progress' -l 'no-progress' -d 'Do not draw the progress line on stderr.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync rollback" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" l selector' -s 'l' -l 'selector' -d 'Label selector for nodes, as in kubectl (e.g. -l nodegroup=gpu).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch"' -l 'group' -d 'Only nodes of this manifest group (repeatable).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" interval' -l 'interval' -d 'How often to list nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" recheck' -l 'recheck' -d 'How often to check every node for drift.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" push-drift' -l 'push-drift' -d 'Also push drift found by the periodic re-check (default: only report it).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" dry-run' -l 'dry-run' -d 'Show the plan and change nothing.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation (needed when there is no terminal).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" batches' -l 'batches' -d 'Ramp of batch sizes, e.g. 1,5,25% (a canary, then wider; the last step repeats).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" max-unavailable' -l 'max-unavailable' -d 'How many nodes may restart the kubelet or reboot at once (N or P%).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" max-failures' -l 'max-failures' -d 'Stop the rollout once more nodes than this have failed (N or P%).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" pause' -l 'pause' -d 'Wait this long between batches (e.g. 30s, 2m).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" wait-timeout' -l 'wait-timeout' -d 'How long to wait for a node to be Ready with its new configuration.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" reboot' -l 'reboot' -d 'Reboot nodes whose kernel arguments changed: cordon, drain, reboot, wait, uncordon, one budget at a time.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" reboot-via-kured' -l 'reboot-via-kured' -d 'Leave reboots to kured: write its sentinel /var/run/reboot-required.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" repo' -l 'repo' -d 'The nks-sync store (a git repository). Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" allow-dirty' -l 'allow-dirty' -d 'Work although the store has uncommitted changes (the last commit is used).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use for CLI requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" n namespace' -s 'n' -l 'namespace' -d 'If present, the namespace scope for this CLI request.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'If present, list the requested object(s) across all namespaces.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" as' -l 'as' -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch"' -l 'as-group' -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" request-timeout' -l 'request-timeout' -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" node-access' -l 'node-access' -d 'How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" ssh-user' -l 'ssh-user' -d 'User to log in as on nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" i ssh-identity' -s 'i' -l 'ssh-identity' -d 'Private key file for SSH.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" ssh-port' -l 'ssh-port' -d 'SSH port on the nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" ssh-config' -l 'ssh-config' -d 'ssh_config file to use (ssh -F).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" ssh-jump' -l 'ssh-jump' -d 'Jump host / bastion (ssh -J).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" ssh-known-hosts' -l 'ssh-known-hosts' -d 'known_hosts file where node host keys are pinned.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" accept-new-host-keys' -l 'accept-new-host-keys' -d 'Pin host keys of nodes seen for the first time; a changed key is still refused.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" ssh-persist' -l 'ssh-persist' -d 'Keep each node\'s SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" sudo' -l 'sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" no-sudo' -l 'no-sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" debug-image' -l 'debug-image' -d 'Image for kubectl debug helper pods.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" parallel' -l 'parallel' -d 'How many nodes to work on at once (default 32).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" node-timeout' -l 'node-timeout' -d 'Time limit per node, e.g. 30s, 2m, 1m30s.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" address-type' -l 'address-type' -d 'Node address to connect to: InternalIP, ExternalIP or Hostname.' -rfka 'InternalIP ExternalIP Hostname'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" repo' -l 'repo' -d 'The nks-sync store (a git repository). Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" allow-dirty' -l 'allow-dirty' -d 'Work although the store has uncommitted changes (the last commit is used).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use for CLI requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" n namespace' -s 'n' -l 'namespace' -d 'If present, the namespace scope for this CLI request.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'If present, list the requested object(s) across all namespaces.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" as' -l 'as' -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import"' -l 'as-group' -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" request-timeout' -l 'request-timeout' -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" node-access' -l 'node-access' -d 'How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" ssh-user' -l 'ssh-user' -d 'User to log in as on nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" i ssh-identity' -s 'i' -l 'ssh-identity' -d 'Private key file for SSH.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" ssh-port' -l 'ssh-port' -d 'SSH port on the nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" ssh-config' -l 'ssh-config' -d 'ssh_config file to use (ssh -F).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" ssh-jump' -l 'ssh-jump' -d 'Jump host / bastion (ssh -J).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" ssh-known-hosts' -l 'ssh-known-hosts' -d 'known_hosts file where node host keys are pinned.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" accept-new-host-keys' -l 'accept-new-host-keys' -d 'Pin host keys of nodes seen for the first time; a changed key is still refused.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" ssh-persist' -l 'ssh-persist' -d 'Keep each node\'s SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" sudo' -l 'sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" no-sudo' -l 'no-sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" debug-image' -l 'debug-image' -d 'Image for kubectl debug helper pods.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" parallel' -l 'parallel' -d 'How many nodes to work on at once (default 32).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" node-timeout' -l 'node-timeout' -d 'Time limit per node, e.g. 30s, 2m, 1m30s.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" address-type' -l 'address-type' -d 'Node address to connect to: InternalIP, ExternalIP or Hostname.' -rfka 'InternalIP ExternalIP Hostname'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" l selector' -s 'l' -l 'selector' -d 'Label selector for nodes, as in kubectl (e.g. -l nodegroup=gpu).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot"' -l 'group' -d 'Only nodes of this manifest group (repeatable).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" repo' -l 'repo' -d 'The nks-sync store (a git repository). Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" allow-dirty' -l 'allow-dirty' -d 'Work although the store has uncommitted changes (the last commit is used).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use for CLI requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" n namespace' -s 'n' -l 'namespace' -d 'If present, the namespace scope for this CLI request.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'If present, list the requested object(s) across all namespaces.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" as' -l 'as' -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot"' -l 'as-group' -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" request-timeout' -l 'request-timeout' -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" node-access' -l 'node-access' -d 'How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" ssh-user' -l 'ssh-user' -d 'User to log in as on nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" i ssh-identity' -s 'i' -l 'ssh-identity' -d 'Private key file for SSH.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" ssh-port' -l 'ssh-port' -d 'SSH port on the nodes.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" ssh-config' -l 'ssh-config' -d 'ssh_config file to use (ssh -F).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" ssh-jump' -l 'ssh-jump' -d 'Jump host / bastion (ssh -J).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" ssh-known-hosts' -l 'ssh-known-hosts' -d 'known_hosts file where node host keys are pinned.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" accept-new-host-keys' -l 'accept-new-host-keys' -d 'Pin host keys of nodes seen for the first time; a changed key is still refused.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" ssh-persist' -l 'ssh-persist' -d 'Keep each node\'s SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" sudo' -l 'sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" no-sudo' -l 'no-sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" debug-image' -l 'debug-image' -d 'Image for kubectl debug helper pods.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" parallel' -l 'parallel' -d 'How many nodes to work on at once (default 32).' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" node-timeout' -l 'node-timeout' -d 'Time limit per node, e.g. 30s, 2m, 1m30s.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" address-type' -l 'address-type' -d 'Node address to connect to: InternalIP, ExternalIP or Hostname.' -rfka 'InternalIP ExternalIP Hostname'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" no-progress' -l 'no-progress' -d 'Do not draw the progress line on stderr.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync snapshot" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync log" max-count n' -s 'n' -l 'max-count' -d 'Show at most this many commits.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync log" repo' -l 'repo' -d 'The nks-sync store. Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync log" snapshots' -l 'snapshots' -d 'List the recorded snapshots instead of the configuration\'s commits.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync log" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name. json and yaml have stable field names.' -rfka 'table wide json yaml name'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync log" no-headers' -l 'no-headers' -d 'Print tables without their header line.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync log" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync log" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync disconnect" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync disconnect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_sync' -n '__kubectl-nks_sync_should_offer_completions_for_flags_or_options "kubectl-nks_sync help" version' -l 'version' -d 'Show the version.'