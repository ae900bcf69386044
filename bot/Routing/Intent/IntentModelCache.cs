using System.Security.Cryptography;

namespace ChatSupport.Bot.Routing.Intent;

/// <summary>
/// Keeps the trained intent model on disk so a restart does not train it again: training (L-BFGS over ~70k
/// features) took 4-15 s of every start-up and every `eval` run, while the corpus changes only with a new build.
/// The file is named by a SHA-256 of everything training reads (each row's label and its featurised, normalised
/// text, the training settings, the seed), so the cached weights are exactly the weights training would produce
/// now; a corpus, normaliser or feature change gets a new key and trains afresh. A missing, unreadable, truncated
/// or mismatched file is ignored (training runs); a cache that cannot be written is skipped. Thread-safe: files
/// are written to a temporary name and moved into place.
/// </summary>
public static class IntentModelCache
{
    private const int FormatVersion = 1;
    private const string Magic = "CSIM";

    /// <summary>
    /// The folder the live bot and `eval` keep the model in (configuration <c>Routing:IntentModelCacheFolder</c>, for
    /// `eval` and `intent-eval` the environment variable <c>Routing__IntentModelCacheFolder</c>; empty turns the cache
    /// off). Default: <see cref="DefaultFolder"/>. Set before the first message is routed; tests that train their own
    /// models pass no folder and never touch it.
    /// </summary>
    public static string? Folder { get; set; } = DefaultFolder(AppContext.BaseDirectory);

    /// <summary>
    /// A folder in the system's temporary directory named after the build that uses it: several checkouts on one
    /// machine (worktrees, CI jobs) share /tmp, and each build then reads and writes only its own models, so a
    /// checkout never depends on what another one trained (the key already keeps a mismatched model out).
    /// </summary>
    public static string DefaultFolder(string baseDirectory)
    {
        var id = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(baseDirectory)));
        return Path.Combine(Path.GetTempPath(), "chatsupport-intent-model", Convert.ToHexStringLower(id)[..16]);
    }

    /// <summary>Sets <see cref="Folder"/> from configuration: unset keeps the default, empty turns the cache off.</summary>
    public static void Configure(string? configured)
    {
        if (configured is null) return;
        Folder = configured.Trim().Length == 0 ? null : Path.GetFullPath(configured);
    }

    public static string Key(IReadOnlyList<(ShopperIntent Intent, HashSet<ulong> Features)> rows, IntentTrainingOptions options, int seed, int classes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[8];
        void Add(ulong value)
        {
            BitConverter.TryWriteBytes(buffer, value);
            sha.AppendData(buffer);
        }
        Add(FormatVersion);
        Add((ulong)seed);
        Add((ulong)classes);
        Add((ulong)options.MinDocumentFrequency);
        Add(BitConverter.SingleToUInt32Bits(options.L1Regularization));
        Add(BitConverter.SingleToUInt32Bits(options.L2Regularization));
        Add((ulong)options.MaximumIterations);
        var sorted = new List<ulong>();
        foreach (var (intent, features) in rows)
        {
            // Row order matters to the trainer and is kept; a row's features are a set, hashed in sorted order.
            sorted.Clear();
            sorted.AddRange(features);
            sorted.Sort();
            Add(0xFFFF_FFFF_0000_0000UL | (uint)intent);
            Add((ulong)sorted.Count);
            foreach (var f in sorted) Add(f);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public sealed record Model(Dictionary<ulong, int> Vocabulary, float[] Weights, float[] Biases);

    public static string PathFor(string folder, string key) => Path.Combine(folder, $"intent-model-{key}.bin");

    public static Model? TryRead(string folder, string key, int dimension, int classes)
    {
        var path = PathFor(folder, key);
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (new string(reader.ReadChars(Magic.Length)) != Magic || reader.ReadInt32() != FormatVersion || reader.ReadString() != key) return null;
            var count = reader.ReadInt32();
            if (reader.ReadInt32() != classes || count != dimension && !(count == 0 && dimension == 1)) return null;
            var vocabulary = new Dictionary<ulong, int>(count);
            for (var i = 0; i < count; i++) vocabulary.Add(reader.ReadUInt64(), i);
            var weights = new float[Math.Max(1, count) * classes];
            for (var i = 0; i < weights.Length; i++) weights[i] = reader.ReadSingle();
            var biases = new float[classes];
            for (var i = 0; i < classes; i++) biases[i] = reader.ReadSingle();
            return reader.BaseStream.Position == reader.BaseStream.Length ? new Model(vocabulary, weights, biases) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EndOfStreamException or ArgumentException)
        {
            return null;
        }
    }

    public static void TryWrite(string folder, string key, Dictionary<ulong, int> vocabulary, float[] weights, float[] biases)
    {
        var temporary = Path.Combine(folder, $".intent-model-{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(Magic.ToCharArray());
                writer.Write(FormatVersion);
                writer.Write(key);
                writer.Write(vocabulary.Count);
                writer.Write(biases.Length);
                // Feature ids are numbered 0..n-1: write the features in id order so reading renumbers them identically.
                var byId = new ulong[vocabulary.Count];
                foreach (var (feature, id) in vocabulary) byId[id] = feature;
                foreach (var feature in byId) writer.Write(feature);
                foreach (var w in weights) writer.Write(w);
                foreach (var b in biases) writer.Write(b);
            }
            File.Move(temporary, PathFor(folder, key), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No cache: the next start trains again.
            try { File.Delete(temporary); } catch (IOException) { }
        }
    }
}
