using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>Section "DataProtection": how the key ring (which signs the session and anti-forgery cookies) is kept.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// Secret every dashboard instance shares; the keys are stored in Redis encrypted with AES-256-GCM under a
    /// key derived from it, so a Redis dump or replica does not hand out the keys that sign sessions. run.sh
    /// generates one into .data/. Unset: keys are stored in plain XML and a warning is logged at start.
    /// </summary>
    public string? KeyEncryptionSecret { get; set; }

    internal static byte[] DeriveKey(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [],
            info: "chatsupport-dashboard data-protection key ring"u8.ToArray());

    /// <summary>Names the secret in the stored XML (not the secret itself), so a mismatch is reported as such.</summary>
    internal static string KeyIdOf(byte[] key) => Convert.ToHexString(SHA256.HashData(key))[..16];
}

/// <summary>Encrypts each key-ring element before <see cref="RedisXmlRepository"/> stores it.</summary>
public sealed class SecretXmlEncryptor(string secret) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var key = KeyRingOptions.DeriveKey(secret);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement("encryptedKey",
            new XAttribute("keyId", KeyRingOptions.KeyIdOf(key)),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(SecretXmlDecryptor));
    }
}

/// <summary>Created by Data Protection from the type named in the stored XML; reads the secret from configuration.</summary>
public sealed class SecretXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var secret = services.GetRequiredService<IOptions<KeyRingOptions>>().Value.KeyEncryptionSecret;
        if (string.IsNullOrEmpty(secret))
            throw new CryptographicException("The data-protection key ring is encrypted; set DataProtection:KeyEncryptionSecret (the same on every instance).");
        var key = KeyRingOptions.DeriveKey(secret);
        if ((string?)encryptedElement.Attribute("keyId") != KeyRingOptions.KeyIdOf(key))
            throw new CryptographicException("The data-protection key ring was encrypted with another DataProtection:KeyEncryptionSecret.");
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
