using ChatSupport.Bot.Knowledge.Normalization;
using Microsoft.Extensions.AI;

namespace ChatSupport.Bot.Knowledge.Matching;

/// <summary>
/// Learns where a right match and a wrong one score on this folder, so a new store needs no tuning. Right: each
/// FAQ's alternate questions are held out in turn (leave-one-out: an index without them) and matched against the
/// rest of the folder. Wrong: held-out questions whose own FAQ did not come first, and the built-in
/// <see cref="OffTopicMessages"/> against the whole folder. The answer threshold is the score that keeps the most
/// right answers while a wrong one costs <see cref="WrongAnswerCost"/> right ones; clarify and suggest sit below it,
/// above most off-topic messages.
/// </summary>
public static class DecisionCalibrator
{
    /// <summary>A wrong answer is this many times worse than a fallback where an answer was possible.</summary>
    public const double WrongAnswerCost = 3.0;

    /// <summary>
    /// Expected shares of answerable and off-topic messages in a store's traffic: each population's rates are
    /// weighed by how often it occurs, not by how many calibration messages it happens to have.
    /// </summary>
    public const double AnswerableShare = 0.6;
    public const double OffTopicShare = 0.15;

    /// <summary>Held-out questions scored at most (large folders are sampled so loading stays within its budget).</summary>
    public const int MaxHeldOut = 400;

    private const double MinLead = 0.02;

    private const double GridStep = 0.005;
    private const int GridSteps = (int)((Highest - Lowest) / GridStep + 0.5);
    private const int BootstrapRounds = 101;
    private const int BootstrapSeed = 20261201;
    private const double PriorWeight = 10;
    private const double Lowest = 0.12;
    private const double Highest = 0.60;

    public static async Task<DecisionCalibration> CalibrateAsync(FaqIndex index, MatcherWeights weights,
        IEmbeddingGenerator<string, Embedding<float>> embeddings, CancellationToken cancellationToken = default)
    {
        var faqs = index.Faqs;
        var withAlternates = Enumerable.Range(0, faqs.Length).Where(i => faqs[i].Questions.Count > 0).ToList();
        if (withAlternates.Count < 3 || faqs.Length < 3) return DecisionCalibration.Default;

        // Large folders: the held-out questions come from a sample of FAQs, matched against an index of that sample
        // only, so calibrating costs a bounded share of the load whatever the folder's size. Small folders: all
        // FAQs, several rounds (in round r, FAQ i's question r is held out).
        var sample = withAlternates.Count <= MaxHeldOut
            ? withAlternates
            : Enumerable.Range(0, MaxHeldOut).Select(k => withAlternates[(int)((long)k * withAlternates.Count / MaxHeldOut)]).ToList();
        var pool = sample.Count == withAlternates.Count ? Enumerable.Range(0, faqs.Length).ToList() : sample;
        var rounds = Math.Clamp(MaxHeldOut / sample.Count, 1, 3);
        var right = new List<(double Score, bool Correct)>();
        for (var round = 0; round < rounds; round++)
        {
            var heldOut = new Dictionary<int, string>();
            foreach (var i in sample)
            {
                var questions = faqs[i].Questions;
                if (round < questions.Count) heldOut[i] = questions[round];
            }
            if (heldOut.Count == 0) break;
            var entries = pool.Select(i => heldOut.TryGetValue(i, out var q)
                ? faqs[i] with { Questions = faqs[i].Questions.Where(x => !ReferenceEquals(x, q)).ToList() }
                : faqs[i]).ToList();
            var without = await FaqIndex.BuildAsync(entries, index.Synonyms, embeddings, cancellationToken);
            foreach (var (i, question) in heldOut)
            {
                var top = FaqMatcher.Match(without, ChineseNormalizer.Normalize(question).Content, 2, weights);
                if (top.Count == 0) right.Add((0, false));
                else if (top[0].Faq.Id == faqs[i].Id) right.Add((top[0].Score, true));
                // Another FAQ first by a clear lead would be a wrong answer; one only as close as the router's answer
                // margin would be a clarify, which offers the right one too.
                else if (top.Count < 2 || top[0].Score - top[1].Score >= MinLead) right.Add((top[0].Score, false));
            }
        }
        var offTopicMatches = OffTopicMessages.All
            .Select(m => FaqMatcher.Match(index, ChineseNormalizer.Normalize(m).Content, 2, weights))
            .ToList();
        var offTopic = offTopicMatches.Select(c => c.Count > 0 ? c[0].Score : 0).ToList();
        return FromScores(right, offTopic) with
        {
            HeldOut = right,
            OffTopicMatches = offTopicMatches.Where(c => c.Count > 0).Select(c => (c[0], c.Count > 1 ? c[1].Score : 0)).ToList(),
        };
    }

    /// <summary>
    /// The best threshold of one sample: the middle of the plateau of the highest gain. Gain of answering from t:
    /// right answers kept, minus wrong ones (held-out questions that found another FAQ first, off-topic messages),
    /// each share measured on its own population.
    /// </summary>
    private static double BestThreshold(IReadOnlyList<(double Score, bool Correct)> heldOut, IReadOnlyList<double> offTopic)
    {
        double Gain(double t)
        {
            int right = 0, wrong = 0, off = 0;
            foreach (var (score, correct) in heldOut)
                if (score >= t) { if (correct) right++; else wrong++; }
            foreach (var score in offTopic)
                if (score >= t) off++;
            return AnswerableShare * right / heldOut.Count
                   - WrongAnswerCost * (AnswerableShare * wrong / heldOut.Count + (offTopic.Count == 0 ? 0 : OffTopicShare * off / offTopic.Count));
        }
        var best = double.NegativeInfinity;
        double first = Lowest, last = Lowest;
        for (var k = 0; k <= GridSteps; k++)
        {
            var t = Lowest + k * GridStep;
            var gain = Gain(t);
            if (gain > best + 1e-9) { best = gain; first = last = t; }
            else if (gain >= best - 1e-9) last = t;
        }
        // The best gain is often a plateau between the off-topic scores and the right ones: its middle is the
        // farthest from both for messages not yet seen.
        return (first + last) / 2;
    }

    /// <summary>
    /// The mean of <see cref="BestThreshold"/> over bootstrap resamples of the calibration messages (a fixed seed:
    /// the same folder always gives the same thresholds). The plateau's edges are single messages, and when two
    /// stretches of nearly the same gain compete, one held-out question or off-topic message scoring a little
    /// differently after a vocabulary or corpus change made the threshold jump from one to the other (dev: 0.246 →
    /// 0.267). Averaged over resamples, the threshold moves by the share of resamples that prefer the other
    /// stretch: a small change of the scores is a small change of the threshold. (A median still jumps.)
    /// </summary>
    private static double Bagged(IReadOnlyList<(double Score, bool Correct)> heldOut, IReadOnlyList<double> offTopic)
    {
        var random = new Random(BootstrapSeed);
        var votes = new List<double>(BootstrapRounds + 1) { BestThreshold(heldOut, offTopic) };
        var held = new (double, bool)[heldOut.Count];
        var off = new double[offTopic.Count];
        for (var round = 0; round < BootstrapRounds; round++)
        {
            for (var j = 0; j < held.Length; j++) held[j] = heldOut[random.Next(heldOut.Count)];
            for (var j = 0; j < off.Length; j++) off[j] = offTopic[random.Next(offTopic.Count)];
            if (!held.Any(h => h.Item2)) continue;
            votes.Add(BestThreshold(held, off));
        }
        return votes.Average();
    }

    /// <summary>The thresholds for these scores (public for tests: the choice alone, without a folder).</summary>
    public static DecisionCalibration FromScores(IReadOnlyList<(double Score, bool Correct)> heldOut, IReadOnlyList<double> offTopic)
    {
        var correct = heldOut.Count(h => h.Correct);
        if (heldOut.Count < 3 || correct == 0) return DecisionCalibration.Default;
        // A small folder gives few held-out questions, and its learnt threshold is noisy: it is drawn towards the
        // default as if the default had been seen PriorWeight times.
        var learnt = Bagged(heldOut, offTopic);
        var answer = Math.Round((heldOut.Count * learnt + PriorWeight * DecisionCalibration.Default.Answer) / (heldOut.Count + PriorWeight), 3);
        var sortedOff = offTopic.OrderBy(s => s).ToList();
        double Quantile(double q) => sortedOff.Count == 0 ? 0 : sortedOff[(int)Math.Min(sortedOff.Count - 1, Math.Floor(q * sortedOff.Count))];
        // Clarify: below the answer threshold, but above nearly every off-topic message (a clarify is one tap away
        // from the right answer; on an off-topic message it is a wasted turn, not a wrong answer).
        var clarify = Math.Round(Math.Min(answer, Math.Max(answer - 0.08, Quantile(0.95) + 0.01)), 3);
        // Suggest (one clean match offered below the clarify threshold) must clear the off-topic messages as well.
        var suggest = Math.Round(Math.Min(clarify, Math.Max(clarify - 0.10, Quantile(0.95) + 0.01)), 3);
        return new DecisionCalibration(answer, clarify, suggest)
        {
            Source = $"{heldOut.Count} held-out alternate questions ({correct} found their FAQ first), {offTopic.Count} off-topic messages",
            HeldOutCorrect = correct,
            HeldOutTotal = heldOut.Count,
            OffTopicMax = sortedOff.Count == 0 ? 0 : sortedOff[^1],
        };
    }
}
