using VcLab.Installer.Hosts;
using System.Text;
using VcLab.Installer.Options;

namespace VcLab.Installer.Images;

/// <summary>
/// distribute-images.sh, rendered into the control plane's cache folder as the role does, so a person can read it
/// and re-run it (<c>sh distribute-images.sh [--remove|--held] [WORKER...]</c>; with no worker it asks the API for them,
/// and says so when it cannot). For one worker
/// it: pins or skips the host key, skips images the worker already holds with the same image ID, copies the missing
/// tars in one scp, and over one more ssh connection checks each checksum, imports it with ctr, pins it against
/// garbage collection, removes the tar, and reports the image ID that ctr lists, which must be the expected one.
/// <c>--remove</c> unpins and removes the images (uninstall); <c>--held</c> lists the ones a worker holds (uninstall --check).
/// Every value is written quoted; the settings' validation has refused any that is not of its kind.
/// </summary>
internal static class DistributeScript
{
    public const string FileName = "distribute-images.sh";

    /// <summary>Renders the script for these images and writes it into their folder on the host; returns its path there.</summary>
    public static async Task<string> UploadAsync(Hosts.IHostShell host, InstallerSettings settings, ImageSet images, CancellationToken cancellationToken)
    {
        var script = $"{images.Directory.TrimEnd('/')}/{FileName}";
        var local = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(local, Render(settings, images), cancellationToken);
            await host.UploadAsync(local, script, cancellationToken);
        }
        finally
        {
            File.Delete(local);
        }

        return script;
    }

    public static string Render(InstallerSettings settings, ImageSet images)
    {
        // A worker that stops answering is given up in seconds, not hours: before its banner (ConnectTimeout) and in the
        // middle of a copy (three unanswered keep-alives, 5 s apart).
        const string Bounded = "-o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5 -o ServerAliveCountMax=3";
        var sshOptions = settings.Ssh.KeyscanEnabled
            ? $"{Bounded} -o HostKeyAlgorithms=ssh-ed25519 -o StrictHostKeyChecking=yes"
            : $"{Bounded} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR";
        var entries = new StringBuilder();
        foreach (var image in images.Images.Select(image => image.Validated("the images to distribute", idOptional: image.ImageId.Length == 0 && image.Sha256.Length == 0)))
        {
            entries.Append(' ').Append(image.TarName).Append('|').Append(image.ContainerdName).Append('|').Append(image.ImageId).Append('|').Append(image.Sha256);
        }

        return $$"""
            #!/bin/sh
            # Rendered by VcLab (distribute-to-workers). Re-run by hand: sh {{FileName}} [WORKER...]
            set -eu
            CACHE_DIR={{Sh.Quote(images.Directory)}}
            SSH_USER={{Sh.Quote(settings.Ssh.User)}}
            KUBECONFIG_PATH={{Sh.Quote(settings.VirtualCluster.SuperclusterKubeconfigPath)}}
            KEYSCAN='{{(settings.Ssh.KeyscanEnabled ? 1 : 0)}}'
            SSH_OPTS='{{sshOptions}}'
            # tar|containerd name|image ID|sha256, one per component
            IMAGES={{Sh.Quote(entries.ToString().Trim())}}

            # What runs on a worker, fed through one ssh connection: "ids REF..." prints "REF ID" per image
            # (ID empty when absent); "import TAR SUM REF..." checks, imports, pins and removes each tar, then prints its ID.
            worker_script() {
              cat <<'WORKER'
            # The script itself arrives on stdin: every command here reads /dev/null instead (sudo would swallow the rest).
            set -eu
            image_id() {
              manifest=$(sudo ctr -n k8s.io images ls "name==$1" </dev/null | awk 'NR==2 {print $3}')
              [ -z "$manifest" ] || sudo ctr -n k8s.io content get "$manifest" </dev/null | sed -n 's/.*"config":{[^}]*"digest":"\(sha256:[0-9a-f]*\)".*/\1/p'
            }
            action=$1; shift
            if [ "$action" = ids ]; then
              for ref in "$@"; do echo "$ref $(image_id "$ref")"; done
            elif [ "$action" = remove ]; then
              for ref in "$@"; do
                if [ -z "$(image_id "$ref")" ]; then echo "$ref absent"; continue; fi
                sudo ctr -n k8s.io images label "$ref" io.cri-containerd.pinned= </dev/null >/dev/null
                sudo ctr -n k8s.io images rm "$ref" </dev/null >/dev/null
                echo "$ref removed"
              done
            else
              while [ $# -ge 3 ]; do
                tar=$1; sum=$2; ref=$3; shift 3
                if [ "$({{Checksums.ShellCommand("\"/tmp/$tar\"")}})" != "$sum" ]; then rm -f "/tmp/$tar"; echo "checksum mismatch for $tar: not imported" >&2; exit 5; fi
                sudo ctr -n k8s.io images import "/tmp/$tar" </dev/null >/dev/null
                sudo ctr -n k8s.io images label "$ref" io.cri-containerd.pinned=pinned </dev/null >/dev/null
                rm -f "/tmp/$tar"
                echo "$ref $(image_id "$ref")"
              done
            fi
            WORKER
            }

            on_worker() { worker=$1; shift; worker_script | ssh $SSH_OPTS "$SSH_USER@$worker" sh -s -- "$@"; }

            distribute() {
              worker=$1
              if [ "$KEYSCAN" = 1 ]; then
                mkdir -p ~/.ssh && touch ~/.ssh/known_hosts
                # One key type, pinned once: a scan that timed out for some types cannot leave a half-known host.
                if ! ssh-keygen -F "$worker" >/dev/null 2>&1; then
                  key=$(ssh-keyscan -T 15 -t ed25519 -H "$worker" 2>/dev/null)
                  [ -n "$key" ] || { echo "$worker: ssh-keyscan got no ed25519 host key (is sshd running there?)" >&2; exit 4; }
                  printf '%s\n' "$key" >>~/.ssh/known_hosts
                fi
              fi
              refs=''; for entry in $IMAGES; do rest=${entry#*|}; refs="$refs ${rest%%|*}"; done
              case "$MODE" in
                remove) on_worker "$worker" remove $refs | sed "s|^|$worker |"; return 0;;
                held) on_worker "$worker" ids $refs | awk -v w="$worker" 'NF == 2 { print w, $1, "held" }'; return 0;;
              esac
              held=$(on_worker "$worker" ids $refs)
              tars=''; args=''
              for entry in $IMAGES; do
                tar=${entry%%|*}; rest=${entry#*|}; ref=${rest%%|*}; rest=${rest#*|}; id=${rest%%|*}; sum=${rest#*|}
                if echo "$held" | grep -qx "$ref $id"; then echo "$worker $ref unchanged"; continue; fi
                [ -f "$CACHE_DIR/$tar" ] || { echo "$worker: $CACHE_DIR/$tar is missing on $(hostname): run upload-to-ctrlplane again" >&2; exit 2; }
                tars="$tars $CACHE_DIR/$tar"; args="$args $tar $sum $ref"
              done
              [ -n "$tars" ] || return 0
              scp $SSH_OPTS -q $tars "$SSH_USER@$worker:/tmp/"
              imported=$(on_worker "$worker" import $args)
              for entry in $IMAGES; do
                rest=${entry#*|}; ref=${rest%%|*}; rest=${rest#*|}; id=${rest%%|*}
                case " $args " in *" $ref "*)
                  echo "$imported" | grep -qx "$ref $id" || { echo "$worker: $ref was imported but ctr does not list image $id" >&2; exit 3; }
                  echo "$worker $ref imported";;
                esac
              done
            }

            MODE=distribute
            case "${1:-}" in --remove) MODE=remove; shift;; --held) MODE=held; shift;; esac
            if [ $# -eq 0 ]; then
              command -v kubectl >/dev/null 2>&1 || { echo "$0: kubectl is not on $(hostname) to list the workers: name them, sh $0 [--remove|--held] WORKER..." >&2; exit 2; }
              set -- $(sudo kubectl --kubeconfig "$KUBECONFIG_PATH" get nodes -l '!node-role.kubernetes.io/control-plane,!node-role.kubernetes.io/master' -o name | sed 's|^node/||')
              [ $# -gt 0 ] || { echo "$0: the API ($KUBECONFIG_PATH) lists no worker node: name them, sh $0 [--remove|--held] WORKER..." >&2; exit 2; }
            fi
            for worker in "$@"; do distribute "$worker"; done
            """ + "\n";
    }
}
