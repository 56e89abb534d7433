using System.Text;
using VcLab.Installer.Options;

namespace VcLab.Installer.Images;

/// <summary>
/// distribute-images.sh, rendered into the control plane's cache folder as the role does, so a person can read it
/// and re-run it (<c>sh distribute-images.sh [WORKER...]</c>; with no worker it asks the API for them). For one worker
/// it: pins or skips the host key, skips images the worker already holds with the same image ID, copies the tar,
/// checks its checksum there, imports it with ctr, pins it against garbage collection, removes the tar, and checks
/// that ctr lists the image with the expected ID.
/// </summary>
public static class DistributeScript
{
    public const string FileName = "distribute-images.sh";

    public static string Render(InstallerSettings settings, ImageSet images)
    {
        var sshOptions = settings.Ssh.KeyscanEnabled
            ? "-o BatchMode=yes -o ConnectTimeout=10 -o HostKeyAlgorithms=ssh-ed25519 -o StrictHostKeyChecking=yes"
            : "-o BatchMode=yes -o ConnectTimeout=10 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR";
        var entries = new StringBuilder();
        foreach (var image in images.Images)
        {
            entries.Append(' ').Append(image.TarName).Append('|').Append(image.ContainerdName).Append('|').Append(image.ImageId).Append('|').Append(image.Sha256);
        }

        return $$"""
            #!/bin/sh
            # Rendered by VcLab (distribute-to-workers). Re-run by hand: sh {{FileName}} [WORKER...]
            set -eu
            CACHE_DIR='{{images.Directory}}'
            SSH_USER='{{settings.Ssh.User}}'
            KUBECONFIG_PATH='{{settings.VirtualCluster.SuperclusterKubeconfigPath}}'
            KEYSCAN='{{(settings.Ssh.KeyscanEnabled ? 1 : 0)}}'
            SSH_OPTS='{{sshOptions}}'
            IMAGES='{{entries.ToString().Trim()}}'

            # The image ID (config digest) that containerd on WORKER holds under REF, or nothing.
            image_id() {
              manifest=$(ssh $SSH_OPTS "$SSH_USER@$1" "sudo ctr -n k8s.io images ls name==$2" | awk 'NR==2 {print $3}')
              [ -n "$manifest" ] || return 0
              ssh $SSH_OPTS "$SSH_USER@$1" "sudo ctr -n k8s.io content get $manifest" | sed -n 's/.*"config":{[^}]*"digest":"\(sha256:[0-9a-f]*\)".*/\1/p'
            }

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
              for entry in $IMAGES; do
                tar=${entry%%|*}; rest=${entry#*|}; ref=${rest%%|*}; rest=${rest#*|}; id=${rest%%|*}; sum=${rest#*|}
                if [ "$(image_id "$worker" "$ref")" = "$id" ]; then echo "$worker $ref unchanged"; continue; fi
                scp $SSH_OPTS -q "$CACHE_DIR/$tar" "$SSH_USER@$worker:/tmp/$tar"
                ssh $SSH_OPTS "$SSH_USER@$worker" "set -e; trap 'rm -f /tmp/$tar' EXIT; echo '$sum  /tmp/$tar' | sha256sum -c --quiet; sudo ctr -n k8s.io images import /tmp/$tar >/dev/null; sudo ctr -n k8s.io images label $ref io.cri-containerd.pinned=pinned >/dev/null"
                [ "$(image_id "$worker" "$ref")" = "$id" ] || { echo "$worker: $ref was imported but ctr does not list image $id" >&2; exit 3; }
                echo "$worker $ref imported"
              done
            }

            if [ $# -eq 0 ]; then
              set -- $(sudo kubectl --kubeconfig "$KUBECONFIG_PATH" get nodes -l '!node-role.kubernetes.io/control-plane,!node-role.kubernetes.io/master' -o name | sed 's|^node/||')
            fi
            for worker in "$@"; do distribute "$worker"; done
            """ + "\n";
    }
}
