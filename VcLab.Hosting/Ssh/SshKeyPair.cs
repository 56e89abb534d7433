using VcLab.Installer;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VcLab.Hosting.Ssh;

/// <summary>
/// An ECDSA P-256 key pair for the lab's SSH logins: the private key in PEM (read by OpenSSH and SSH.NET),
/// the public key in authorized_keys form. The private key is written only to files readable by their owner.
/// </summary>
internal sealed class SshKeyPair
{
    private const string KeyType = "ecdsa-sha2-nistp256";

    private SshKeyPair(string privateKeyPem, string publicKey)
    {
        PrivateKeyPem = privateKeyPem;
        PublicKey = publicKey;
    }

    /// <summary>The private key (PEM). A secret: never log it.</summary>
    public string PrivateKeyPem { get; }

    /// <summary>One authorized_keys line.</summary>
    public string PublicKey { get; }

    public static SshKeyPair Generate(string comment = "vclab")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes(KeyType));
        WriteString(blob, Encoding.ASCII.GetBytes("nistp256"));
        WriteString(blob, [0x04, .. point.X!, .. point.Y!]);
        return new SshKeyPair(key.ExportECPrivateKeyPem() + "\n", $"{KeyType} {Convert.ToBase64String(blob.ToArray())} {comment}");
    }

    public static SshKeyPair Load(string privateKeyPath, string publicKeyPath) =>
        new(File.ReadAllText(privateKeyPath), File.ReadAllText(publicKeyPath).Trim());

    /// <summary>Writes the pair as <c>path</c> (mode 0600) and <c>path.pub</c>.</summary>
    public void Save(string privateKeyPath)
    {
        OwnerOnlyFile.Write(privateKeyPath, PrivateKeyPem);
        File.WriteAllText(privateKeyPath + ".pub", PublicKey + "\n");
    }

    private static void WriteString(Stream stream, byte[] value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
        stream.Write(length);
        stream.Write(value);
    }
}
