// The commands a node tool runs on a worker (crictl, journalctl, systemctl, grub tools,
// reboot), as small shell scripts that answer from the node's scenario data under
// /var/lib/nks-lab and log every call, so tests can see what a plugin did on a node.
import Foundation

enum NodeShims {
    /// Where each node finds its scenario data and call log.
    static let dataDirectory = "/var/lib/nks-lab"
    static let callLog = "/var/lib/nks-lab/calls.log"

    /// Shared by every shim: logs the call as one shell-quoted line.
    static let library = #"""
    # Sourced by the lab's shims: records the call, then the shim answers from lab data.
    LAB=/var/lib/nks-lab
    nks_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
    nks_record() {
        line=$(nks_quote "$NKS_SHIM")
        for arg in "$@"; do line="$line $(nks_quote "$arg")"; done
        mkdir -p "$LAB" && printf '%s\n' "$line" >> "$LAB/calls.log"
    }
    nks_grub_args() {
        ( GRUB_CMDLINE_LINUX=; GRUB_CMDLINE_LINUX_DEFAULT=; . /etc/default/grub 2>/dev/null
          printf '%s\n' "$GRUB_CMDLINE_LINUX $GRUB_CMDLINE_LINUX_DEFAULT" | tr -s ' ' | sed 's/^ //; s/ $//' )
    }
    nks_has_image() { grep -qxF "$1" "$LAB/images" 2>/dev/null; }
    nks_pull() {
        if grep -qxF "$1" "$LAB/failing-pulls" 2>/dev/null; then
            echo "failed to pull image \"$1\": rpc error: code = Unknown desc = failed to resolve reference \"$1\": pull access denied" >&2
            exit 1
        fi
        nks_has_image "$1" || printf '%s\n' "$1" >> "$LAB/images"
        echo "Image is up to date for $1"
    }
    nks_tag() { nks_has_image "$1" || { echo "image \"$1\": not found" >&2; exit 1; }; nks_has_image "$2" || printf '%s\n' "$2" >> "$LAB/images"; }
    nks_rmi() { touch "$LAB/images"; grep -vxF "$1" "$LAB/images" > "$LAB/images.new"; cat "$LAB/images.new" > "$LAB/images"; rm -f "$LAB/images.new"; }
    nks_list_images() {
        printf '%-60s %-20s %-15s %s\n' IMAGE TAG "IMAGE ID" SIZE
        while IFS= read -r ref; do
            [ -n "$ref" ] || continue
            repo=${ref%:*}; tag=${ref##*:}; [ "$repo" = "$ref" ] && tag=latest
            id=$(printf '%s' "$ref" | sha256sum | cut -c1-13)
            printf '%-60s %-20s %-15s %s\n' "$repo" "$tag" "$id" 10MB
        done < "$LAB/images" 2>/dev/null
    }
    """#

    /// Script bodies by command name; each starts after the common header.
    static let scripts: [String: String] = [
        "crictl": #"""
        case "$1" in
            images|img) [ "$2" = -q ] && sed 's/^/sha256:/' "$LAB/images" 2>/dev/null || nks_list_images ;;
            pull) nks_pull "$2" ;;
            rmi) nks_rmi "$2" ;;
            ps) cat "$LAB/containers" 2>/dev/null || printf '%s\n' "CONTAINER IMAGE CREATED STATE NAME ATTEMPT POD ID POD" ;;
            inspect|inspecti) [ -f "$LAB/inspect/$2.json" ] && cat "$LAB/inspect/$2.json" || { echo "container \"$2\": not found" >&2; exit 1; } ;;
            *) echo "crictl (lab): unsupported command: $*" >&2; exit 1 ;;
        esac
        """#,
        "nerdctl": #"""
        [ "$1" = "--namespace" ] || [ "$1" = "-n" ] && shift 2
        case "$1" in
            images) nks_list_images ;;
            pull) nks_pull "$2" ;;
            tag) nks_tag "$2" "$3" ;;
            rmi) nks_rmi "$2" ;;
            *) echo "nerdctl (lab): unsupported command: $*" >&2; exit 1 ;;
        esac
        """#,
        "docker": #"""
        case "$1" in
            images) nks_list_images ;;
            pull) nks_pull "$2" ;;
            tag) nks_tag "$2" "$3" ;;
            rmi) nks_rmi "$2" ;;
            *) echo "docker (lab): unsupported command: $*" >&2; exit 1 ;;
        esac
        """#,
        "ctr": #"""
        while [ "${1#-}" != "$1" ]; do case "$1" in -n|--namespace) shift 2 ;; *) shift ;; esac; done
        case "$1 $2" in
            "images ls"|"images list"|"i ls") cat "$LAB/images" 2>/dev/null ;;
            "images pull"|"i pull") nks_pull "$3" ;;
            "images tag"|"i tag") shift 2; [ "$1" = --force ] && shift; nks_tag "$1" "$2" ;;
            "images label"|"i label") nks_has_image "$3" || { echo "ctr: image \"$3\": not found" >&2; exit 1; }; printf '%s %s\n' "$3" "$4" >> "$LAB/image-labels" ;;
            "images rm"|"i rm") nks_rmi "$3" ;;
            *) echo "ctr (lab): unsupported command: $*" >&2; exit 1 ;;
        esac
        """#,
        "journalctl": #"""
        unit=
        while [ $# -gt 0 ]; do
            case "$1" in -u) unit=$2; shift 2 ;; -u*) unit=${1#-u}; shift ;; --unit=*) unit=${1#--unit=}; shift ;; *) shift ;; esac
        done
        unit=${unit%.service}
        [ -n "$unit" ] && [ -f "$LAB/journal/$unit.log" ] && cat "$LAB/journal/$unit.log" || echo "-- No entries --"
        """#,
        "systemctl": #"""
        case "$1" in
            restart|start|stop|reload|daemon-reload|enable|disable) printf '%s %s\n' "$1" "$2" >> "$LAB/systemctl.log" ;;
            is-active) echo active ;;
            status) echo "* $2 - lab unit"; echo "   Active: active (running)" ;;
            cat) # the unit file, then its drop-ins by file name, as systemd orders them
                u=$2; case "$u" in *.*) ;; *) u=$u.service ;; esac
                dirs="/etc/systemd/system /run/systemd/system /usr/lib/systemd/system /lib/systemd/system"
                main=; for d in $dirs; do [ -f "$d/$u" ] && { main=$d/$u; break; }; done
                [ -n "$main" ] || { echo "No files found for $u." >&2; exit 1; }
                printf '# %s\n' "$main"; cat "$main"
                for n in $(for d in $dirs; do ls "$d/$u.d" 2>/dev/null; done | grep '\.conf$' | sort -u); do
                    for d in $dirs; do [ -f "$d/$u.d/$n" ] && { printf '\n# %s\n' "$d/$u.d/$n"; cat "$d/$u.d/$n"; break; }; done
                done ;;
            *) echo "systemctl (lab): unsupported command: $*" >&2; exit 1 ;;
        esac
        """#,
        "grub2-mkconfig": #"""
        out=
        while [ $# -gt 0 ]; do case "$1" in -o) out=$2; shift 2 ;; --output=*) out=${1#--output=}; shift ;; *) shift ;; esac; done
        args=$(nks_grub_args)
        printf '%s\n' "$args" > "$LAB/next-boot-args"
        cfg="menuentry 'Linux' {\n\tlinux /vmlinuz root=/dev/vda1 ro $args\n}"
        printf "$cfg\n" > "$LAB/grub.cfg"
        case "$out" in /etc/*|/var/lib/*) mkdir -p "$(dirname "$out")"; printf "$cfg\n" > "$out" ;; esac
        echo "Generating grub configuration file ..." >&2; echo "done" >&2
        """#,
        "grubby": #"""
        add=; remove=; info=
        for arg in "$@"; do
            case "$arg" in --args=*) add=${arg#--args=} ;; --remove-args=*) remove=${arg#--remove-args=} ;; --info=*) info=1 ;; esac
        done
        current=$(cat "$LAB/next-boot-args" 2>/dev/null || nks_grub_args)
        if [ -n "$info" ]; then echo "index=0"; echo "kernel=\"/vmlinuz\""; echo "args=\"$current\""; exit 0; fi
        next=
        for token in $current; do case " $remove " in *" $token "*) ;; *) next="$next $token" ;; esac; done
        for token in $add; do case " $next " in *" $token "*) ;; *) next="$next $token" ;; esac; done
        printf '%s\n' "${next# }" > "$LAB/next-boot-args"
        """#,
        "reboot": #"""
        # The running kernel's arguments change only if a boot entry was regenerated.
        current=$(cat "$LAB/cmdline")
        if [ -f "$LAB/next-boot-args" ]; then
            kept=
            for token in $current; do case "$token" in BOOT_IMAGE=*|root=*|ro|rw) kept="$kept $token" ;; esac; done
            printf '%s\n' "${kept# } $(cat "$LAB/next-boot-args")" > "$LAB/cmdline"
        fi
        date -u +%Y-%m-%dT%H:%M:%SZ >> "$LAB/boots"
        """#,
    ]

    /// Writes every shim into `directory` (bind-mounted read-only over /usr/local/sbin).
    static func install(into directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let libraryFile = directory.appendingPathComponent("nks-lab-shim.sh")
        try library.write(to: libraryFile, atomically: true, encoding: .utf8)
        for (name, body) in scripts {
            let script = "#!/bin/sh\n# Lab shim for \(name): see nks-lab-shim.sh.\nNKS_SHIM=\(name)\n. /usr/local/sbin/nks-lab-shim.sh\nnks_record \"$@\"\n\(body)\n"
            let file = directory.appendingPathComponent(name)
            try script.write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
    }
}
