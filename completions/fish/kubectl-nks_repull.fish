function __kubectl-nks_repull_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kubectl-nks_repull_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kubectl-nks_repull_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kubectl-nks_repull_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kubectl-nks_repull_parse_tokens -S
    set -l unparsed_tokens (__kubectl-nks_repull_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kubectl-nks_repull'
        __kubectl-nks_repull_parse_subcommand -r 1 'l/selector=' 'image=+' 'defaults' 'nodes=' 'dry-run' 'y/yes' 'mirror=' 'mirror-layout=' 'fix-manifests' 'mirror-registries=' 'repo=' 'o/output=' 'no-headers' 'kubeconfig=' 'context=' 'cluster=' 'user=' 'n/namespace=' 'A/all-namespaces' 'as=' 'as-group=+' 'request-timeout=' 'node-access=' 'ssh-user=' 'i/ssh-identity=' 'ssh-port=' 'ssh-config=' 'ssh-jump=' 'ssh-known-hosts=' 'accept-new-host-keys' 'ssh-persist=' 'sudo' 'no-sudo' 'debug-image=' 'parallel=' 'node-timeout=' 'address-type=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __kubectl-nks_repull_parse_subcommand -r 1 'version'
        end
    end
end

function __kubectl-nks_repull_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kubectl-nks_repull_parse_subcommand -S -a positional_count
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

function __kubectl-nks_repull_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kubectl-nks_repull_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kubectl-nks_repull_tokens -p)
    if test -z "$(__kubectl-nks_repull_tokens -t)"
        set -l index (count (__kubectl-nks_repull_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kubectl-nks_repull' -f
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" l selector' -s 'l' -l 'selector' -d 'Label selector for the pods, e.g. app=web (for the nodes with --image/--defaults).' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull"' -l 'image' -d 'Pre-pull this image on the nodes that lack it (repeatable).' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" defaults' -l 'defaults' -d 'Restore the cluster\'s base images (pause, kube-proxy, CNI, CSI, …) on the nodes that lack them.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" nodes' -l 'nodes' -d 'With --image/--defaults: comma-separated node names (default: every node, or -l).' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" dry-run' -l 'dry-run' -d 'Show the plan only.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" y yes' -s 'y' -l 'yes' -d 'Carry out the plan without asking.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" mirror' -l 'mirror' -d 'Internal registry prefix to pull from, e.g. harbor.example.com/container_service.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" mirror-layout' -l 'mirror-layout' -d 'How an image maps to the mirror: basename (PREFIX/pause:3.2) or path (PREFIX/coredns/coredns:1.8.0).' -rfka 'basename path'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" fix-manifests' -l 'fix-manifests' -d 'Patch the owning workload\'s template for registry-deprecated images whose successor is known (docker.pkg.github.com → ghcr.io, k8s.gcr.io → registry.k8s.io).'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" mirror-registries' -l 'mirror-registries' -d 'Registries (host or host/namespace, comma-separated) whose images may come from --mirror. Default: $NKS_REPULL_MIRROR_REGISTRIES, else repull.mirrorRegistries in the store, else docker.io, registry.k8s.io, k8s.gcr.io, quay.io/coreos, gcr.io/google_containers.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" repo' -l 'repo' -d 'The nks-sync store whose nks-sync.yaml holds the repull: settings (a missing store is fine). Default: $NKS_REPO, else ~/.config/nks/sync.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" o output' -s 'o' -l 'output' -d 'Output format: table, wide, json, yaml or name. json and yaml have stable field names.' -rfka 'table wide json yaml name'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" no-headers' -l 'no-headers' -d 'Print tables without their header line.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" kubeconfig' -l 'kubeconfig' -d 'Path to the kubeconfig file to use for CLI requests.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" context' -l 'context' -d 'The name of the kubeconfig context to use.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" cluster' -l 'cluster' -d 'The name of the kubeconfig cluster to use.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" user' -l 'user' -d 'The name of the kubeconfig user to use.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" n namespace' -s 'n' -l 'namespace' -d 'If present, the namespace scope for this CLI request.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" A all-namespaces' -s 'A' -l 'all-namespaces' -d 'If present, list the requested object(s) across all namespaces.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" as' -l 'as' -d 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull"' -l 'as-group' -d 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" request-timeout' -l 'request-timeout' -d 'The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don\'t timeout requests.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" node-access' -l 'node-access' -d 'How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" ssh-user' -l 'ssh-user' -d 'User to log in as on nodes.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" i ssh-identity' -s 'i' -l 'ssh-identity' -d 'Private key file for SSH.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" ssh-port' -l 'ssh-port' -d 'SSH port on the nodes.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" ssh-config' -l 'ssh-config' -d 'ssh_config file to use (ssh -F).' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" ssh-jump' -l 'ssh-jump' -d 'Jump host / bastion (ssh -J).' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" ssh-known-hosts' -l 'ssh-known-hosts' -d 'known_hosts file where node host keys are pinned.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" accept-new-host-keys' -l 'accept-new-host-keys' -d 'Pin host keys of nodes seen for the first time; a changed key is still refused.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" ssh-persist' -l 'ssh-persist' -d 'Keep each node\'s SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" sudo' -l 'sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" no-sudo' -l 'no-sudo' -d 'Run node scripts through sudo -n (default: on unless the SSH user is root).'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" debug-image' -l 'debug-image' -d 'Image for kubectl debug helper pods.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" parallel' -l 'parallel' -d 'How many nodes to work on at once (default 32).' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" node-timeout' -l 'node-timeout' -d 'Time limit per node, e.g. 30s, 2m, 1m30s.' -rfka ''
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" address-type' -l 'address-type' -d 'Node address to connect to: InternalIP, ExternalIP or Hostname.' -rfka 'InternalIP ExternalIP Hostname'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" version' -l 'version' -d 'Show the version.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_positional "kubectl-nks_repull" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'kubectl-nks_repull' -n '__kubectl-nks_repull_should_offer_completions_for_flags_or_options "kubectl-nks_repull help" version' -l 'version' -d 'Show the version.'