using System.Buffers;
using System.Diagnostics;
using ChatSupport.Bot.Knowledge.Normalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ChatSupport.Bot.Routing.Intent;

/// <summary>The classifier's probabilities for one message (indexed by <see cref="ShopperIntent"/>).</summary>
public sealed class IntentScores(double[] probabilities)
{
    public ShopperIntent Top { get; } = (ShopperIntent)Array.IndexOf(probabilities, probabilities.Max());

    public double Confidence => probabilities[(int)Top];

    public double this[ShopperIntent intent] => probabilities[(int)intent];

    public override string ToString() =>
        string.Join(" ", ShopperIntentNames.All.Select(i => $"{i.ToWireName()}={probabilities[(int)i]:F2}"));
}

/// <summary>
/// A multiclass maximum-entropy (multinomial logistic regression) model over <see cref="IntentFeatures"/> of the
/// normalised text, trained with ML.NET's L-BFGS trainer on the intent corpus. Training is deterministic (fixed
/// seed, one thread, corpus in file order). Only training uses ML.NET: the trained weights are copied into a dense
/// array and scored here, because a PredictionEngine is not thread-safe and its per-call overhead is larger than the
/// whole routing budget; scoring is a read-only dot product, safe from any number of threads at once.
/// </summary>
public sealed class IntentClassifier
{
    private const int Seed = 20261201;
    private static readonly int ClassCount = ShopperIntentNames.All.Count;
    private static readonly Lazy<IntentClassifier> LazyShared =
        new(() => Train(IntentCorpus.Training(IntentCorpus.Shipped), cacheFolder: IntentModelCache.Folder));

    private readonly Dictionary<ulong, int> _vocabulary;
    private readonly float[] _weights; // feature-major: [feature * ClassCount + class]
    private readonly float[] _biases;

    private IntentClassifier(Dictionary<ulong, int> vocabulary, float[] weights, float[] biases, int trainedOn, TimeSpan trainingTime)
    {
        _vocabulary = vocabulary;
        _weights = weights;
        _biases = biases;
        TrainedOn = trainedOn;
        TrainingTime = trainingTime;
    }

    /// <summary>The model of this process, trained once on the shipped corpus minus its held-out part.</summary>
    public static IntentClassifier Shared => LazyShared.Value;

    public int TrainedOn { get; }
    public TimeSpan TrainingTime { get; }

    /// <summary>The weights were read from <see cref="IntentModelCache"/> rather than trained in this process.</summary>
    public bool FromCache { get; private init; }
    public int FeatureCount => _vocabulary.Count;

    public IntentScores Predict(string text) => Predict(ChineseNormalizer.Normalize(text));

    public IntentScores Predict(NormalizedText text) => Predict(LexiconText.Of(text));

    public IntentScores Predict(LexiconText lexiconText)
    {
        var text = lexiconText.Text;
        var collector = new Collector(_vocabulary, ArrayPool<int>.Shared.Rent(text.Folded.Length * 3 + 16));
        try
        {
            IntentFeatures.Extract(lexiconText, ref collector, static (ref Collector c, ulong f) => c.Add(f));
            var count = collector.Distinct();
            Span<double> logits = stackalloc double[ClassCount];
            for (var k = 0; k < ClassCount; k++) logits[k] = _biases[k];
            if (count > 0)
            {
                var value = 1.0 / Math.Sqrt(count);
                for (var i = 0; i < count; i++)
                {
                    var row = collector.Buffer[i] * ClassCount;
                    for (var k = 0; k < ClassCount; k++) logits[k] += _weights[row + k] * value;
                }
            }
            return new IntentScores(Softmax(logits));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(collector.Buffer);
        }
    }

    private static double[] Softmax(ReadOnlySpan<double> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        var p = new double[logits.Length];
        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++) sum += p[k] = Math.Exp(logits[k] - max);
        for (var k = 0; k < p.Length; k++) p[k] /= sum;
        return p;
    }

    /// <summary>
    /// Trains a model on the given examples (the live bot: the shipped corpus minus the held-out part). With a
    /// <paramref name="cacheFolder"/>, a model trained earlier on exactly the same featurised rows and settings is read
    /// from there instead of trained again (<see cref="IntentModelCache"/>), and a newly trained one is written there.
    /// </summary>
    public static IntentClassifier Train(IEnumerable<IntentExample> examples, IntentTrainingOptions? options = null, string? cacheFolder = null)
    {
        options ??= new IntentTrainingOptions();
        var watch = Stopwatch.StartNew();
        var featurised = examples.Select(e => (e.Intent, Features: DistinctFeatures(ChineseNormalizer.Normalize(e.Text)))).ToList();
        if (featurised.Count == 0) throw new ArgumentException("no training examples", nameof(examples));

        // The vocabulary: every feature seen in at least MinDocumentFrequency training messages, numbered in first-seen order.
        var frequency = new Dictionary<ulong, int>();
        foreach (var (_, features) in featurised)
            foreach (var f in features) frequency[f] = frequency.GetValueOrDefault(f) + 1;
        var vocabulary = new Dictionary<ulong, int>();
        foreach (var (_, features) in featurised)
            foreach (var f in features)
                if (frequency[f] >= options.MinDocumentFrequency) vocabulary.TryAdd(f, vocabulary.Count);

        var dimension = Math.Max(1, vocabulary.Count);
        // The cache key covers what training reads (every row's label and features after normalisation, the settings,
        // the seed), so a change to the corpus, the normaliser or the features can never reuse a stale model.
        var cacheKey = cacheFolder is null ? null : IntentModelCache.Key(featurised, options, Seed, ClassCount);
        if (cacheKey is not null && IntentModelCache.TryRead(cacheFolder!, cacheKey, dimension, ClassCount) is { } cached)
            return new IntentClassifier(cached.Vocabulary, cached.Weights, cached.Biases, featurised.Count, watch.Elapsed) { FromCache = true };
        var rows = new List<TrainingRow>(featurised.Count);
        foreach (var (intent, features) in featurised)
        {
            var indices = features.Where(vocabulary.ContainsKey).Select(f => vocabulary[f]).Order().ToArray();
            var value = indices.Length == 0 ? 0f : (float)(1.0 / Math.Sqrt(indices.Length));
            var values = Enumerable.Repeat(value, indices.Length).ToArray();
            rows.Add(new TrainingRow { Intent = intent.ToWireName(), Features = new VBuffer<float>(dimension, indices.Length, values, indices) });
        }

        var ml = new MLContext(seed: Seed);
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        // The label's key order is the enum's order (keyData), so class k of the trained weights is ShopperIntent k.
        var keyOrder = ml.Data.LoadFromEnumerable(ShopperIntentNames.All.Select(i => new KeyRow { Intent = i.ToWireName() }));
        var labels = ml.Transforms.Conversion.MapValueToKey("Label", nameof(TrainingRow.Intent), keyData: keyOrder).Fit(data);
        data = labels.Transform(data);
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = nameof(TrainingRow.Features),
            L1Regularization = options.L1Regularization,
            L2Regularization = options.L2Regularization,
            HistorySize = 10,
            MaximumNumberOfIterations = options.MaximumIterations,
            OptimizationTolerance = 1e-6f,
            NumberOfThreads = 1,
            ShowTrainingStatistics = false,
        });
        var model = trainer.Fit(data).Model;

        VBuffer<float>[] classWeights = [];
        model.GetWeights(ref classWeights, out var classes);
        if (classes != ClassCount) throw new InvalidOperationException($"the trainer produced {classes} classes, expected {ClassCount}");
        var weights = new float[dimension * ClassCount];
        for (var k = 0; k < ClassCount; k++)
        {
            foreach (var (index, weight) in classWeights[k].Items()) weights[index * ClassCount + k] = weight;
        }
        var biases = model.GetBiases().ToArray();
        if (cacheKey is not null) IntentModelCache.TryWrite(cacheFolder!, cacheKey, vocabulary, weights, biases);
        return new IntentClassifier(vocabulary, weights, biases, featurised.Count, watch.Elapsed);
    }

    private static HashSet<ulong> DistinctFeatures(NormalizedText text)
    {
        var set = new HashSet<ulong>();
        IntentFeatures.Extract(text, ref set, static (ref HashSet<ulong> s, ulong f) => s.Add(f));
        return set;
    }

    private sealed class KeyRow
    {
        public string Intent = "";
    }

    private sealed class TrainingRow
    {
        public string Intent = "";
        public VBuffer<float> Features;
    }

    /// <summary>Known feature ids of one message, de-duplicated in place (no allocation beyond the pooled buffer).</summary>
    private struct Collector(Dictionary<ulong, int> vocabulary, int[] buffer)
    {
        public readonly int[] Buffer = buffer;
        private int _count;

        public void Add(ulong feature)
        {
            if (_count < Buffer.Length && vocabulary.TryGetValue(feature, out var id)) Buffer[_count++] = id;
        }

        public int Distinct()
        {
            if (_count <= 1) return _count;
            Array.Sort(Buffer, 0, _count);
            var n = 1;
            for (var i = 1; i < _count; i++)
                if (Buffer[i] != Buffer[n - 1]) Buffer[n++] = Buffer[i];
            return n;
        }
    }
}

/// <summary>Training settings; the defaults are what the held-out corpus figures (intent-eval) were measured with.</summary>
public sealed record IntentTrainingOptions
{
    public int MinDocumentFrequency { get; init; } = 1;
    public float L1Regularization { get; init; } = 0f;
    public float L2Regularization { get; init; } = 0.05f;
    public int MaximumIterations { get; init; } = 100;
}
