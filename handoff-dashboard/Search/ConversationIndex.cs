using System.Diagnostics;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using ChatSupport.HandoffDashboard.CannedReplies.Pinyin;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// This instance's Lucene index of conversations (one document each, replaced whole on every change). Two text
/// fields: <c>words</c> (<see cref="ChineseWordAnalyzer"/>, ranked first) and <c>pairs</c> (<see cref="ChineseBigramAnalyzer"/>,
/// for words the segmenter cut differently); filters are exact-term fields. Thread-safe: writes go through one
/// IndexWriter, searches through a SearcherManager refreshed after each batch of writes.
/// </summary>
public sealed class ConversationIndex : IDisposable
{
    private const string IdField = "id";
    private const string WordsField = "words";
    private const string PairsField = "pairs";
    private const string InitialsField = "initials";
    private const string LineField = "line";
    private const string StatusField = "status";
    private const string AssigneeField = "assignee";
    private const string AgentField = "agent";
    private const string ReasonField = "reason";
    private const string LabelField = "label";
    private const string CsatField = "csat";
    private const string CustomerField = "customer";
    private const string StartedField = "started";
    private const string LastField = "last";
    private const string StoredField = "doc";
    private const char Separator = '\u001f';

    private const int LinesPerHit = 5;

    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly ChineseWordAnalyzer _words = new();
    private readonly ChineseBigramAnalyzer _pairs = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    /// <param name="path">Folder of the index files; null keeps it in memory.</param>
    public ConversationIndex(string? path = null, double ramBufferMb = 48)
    {
        _directory = path is null ? new RAMDirectory() : FSDirectory.Open(path);
        _analyzer = new PerFieldAnalyzerWrapper(_words, new Dictionary<string, Analyzer> { [PairsField] = _pairs });
        var config = new IndexWriterConfig(ChineseWordAnalyzer.Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = ramBufferMb,
        };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try { return searcher.IndexReader.NumDocs; }
            finally { _searchers.Release(searcher); }
        }
    }

    public void Upsert(ConversationDocument conversation) => _writer.UpdateDocument(new Term(IdField, conversation.Id), ToLucene(conversation));

    public void Delete(string conversationId) => _writer.DeleteDocuments(new Term(IdField, conversationId));

    /// <summary>Makes the writes so far visible to searches (near-real-time; no commit to disk needed).</summary>
    public void Refresh() => _searchers.MaybeRefreshBlocking();

    /// <summary>Every conversation id in the index (for a rebuild to find documents whose record has gone).</summary>
    public IReadOnlyList<string> AllIds()
    {
        var searcher = _searchers.Acquire();
        try
        {
            var ids = new List<string>(searcher.IndexReader.NumDocs);
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var terms = leaf.AtomicReader.GetTerms(IdField);
                if (terms is null) continue;
                var e = terms.GetEnumerator();
                var live = leaf.AtomicReader.LiveDocs;
                while (e.MoveNext())
                {
                    var docs = e.Docs(live, null);
                    if (docs.NextDoc() != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS) ids.Add(e.Term.Utf8ToString());
                }
            }
            return ids;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Clear()
    {
        _writer.DeleteAll();
        Refresh();
    }

    private static Document ToLucene(ConversationDocument c)
    {
        var doc = new Document
        {
            new StringField(IdField, c.Id, Field.Store.YES),
            new StringField(StatusField, c.Status ?? "", Field.Store.NO),
            new StringField(AssigneeField, c.Assignee ?? "", Field.Store.NO),
            new StringField(ReasonField, c.Reason ?? "", Field.Store.NO),
            new StringField(CsatField, c.Csat ?? "", Field.Store.NO),
            new StringField(CustomerField, c.CustomerId ?? "", Field.Store.NO),
            new Int64Field(StartedField, c.StartedAt.ToUnixTimeMilliseconds(), Field.Store.NO),
            new NumericDocValuesField(LastField, c.LastAt.ToUnixTimeMilliseconds()),
            new StoredField(StoredField, string.Join(Separator, c.Status, c.CustomerId, c.CustomerName, c.Reason, c.Assignee, c.AssigneeName, c.Csat,
                c.StartedAt.ToUnixTimeMilliseconds(), c.LastAt.ToUnixTimeMilliseconds(), string.Join('\u001e', c.Labels))),
        };
        foreach (var agent in c.Agents.Append(c.Assignee).OfType<string>().Distinct()) doc.Add(new StringField(AgentField, agent, Field.Store.NO));
        foreach (var label in c.Labels) doc.Add(new StringField(LabelField, label, Field.Store.NO));
        if (!string.IsNullOrEmpty(c.CustomerName))
        {
            doc.Add(new TextField(WordsField, c.CustomerName, Field.Store.NO));
            doc.Add(new TextField(PairsField, c.CustomerName, Field.Store.NO));
            var initials = PinyinInitials.Of(c.CustomerName);
            if (initials.Length > 0) doc.Add(new StringField(InitialsField, initials, Field.Store.NO));
        }
        foreach (var line in c.Lines)
        {
            if (string.IsNullOrWhiteSpace(line.Text)) continue;
            doc.Add(new TextField(WordsField, line.Text, Field.Store.NO));
            doc.Add(new TextField(PairsField, line.Text, Field.Store.NO));
            doc.Add(new StoredField(LineField, string.Join(Separator, line.Sender, line.SenderName, line.At.ToUnixTimeMilliseconds(), line.Text)));
        }
        return doc;
    }

    public SearchResult Search(SearchQuery query)
    {
        var watch = Stopwatch.StartNew();
        var parts = Parts(query.Text);
        var textQuery = TextQuery(parts);
        var filter = Filters(query);
        Query main = textQuery ?? new MatchAllDocsQuery();
        var take = Math.Clamp(query.Take, 1, 100);
        var searcher = _searchers.Acquire();
        try
        {
            var recency = new SortField(LastField, SortFieldType.INT64, reverse: true);
            var sort = textQuery is null ? new Sort(recency) : new Sort(SortField.FIELD_SCORE, recency);
            var top = searcher.Search(main, filter is null ? null : new QueryWrapperFilter(filter), take, sort, doDocScores: true, doMaxScore: false);
            var highlighter = new LineHighlighter(HighlightTerms(parts));
            var hits = new List<SearchHit>(top.ScoreDocs.Length);
            foreach (var scoreDoc in top.ScoreDocs)
            {
                hits.Add(ToHit(searcher.Doc(scoreDoc.Doc), scoreDoc.Score, highlighter, textQuery is not null));
            }
            return new SearchResult(top.TotalHits, hits, watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Space-separated parts of the query, folded; each must match somewhere in the conversation.</summary>
    private static List<string> Parts(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : ScriptFolding.Fold(text).Split([' ', '\t', '，', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8).ToList();

    private Query? TextQuery(List<string> parts)
    {
        if (parts.Count == 0) return null;
        var all = new BooleanQuery();
        foreach (var part in parts)
        {
            var either = new BooleanQuery();
            var words = Tokens(_words, WordsField, part);
            if (words.Count > 0)
            {
                var allWords = new BooleanQuery();
                foreach (var (term, _) in words) allWords.Add(new TermQuery(new Term(WordsField, term)), Occur.MUST);
                allWords.Boost = 3f;
                either.Add(allWords, Occur.SHOULD);
            }
            var pairs = Tokens(_pairs, PairsField, part);
            if (pairs.Count > 0)
            {
                var phrase = new PhraseQuery();
                foreach (var (term, position) in pairs) phrase.Add(new Term(PairsField, term), position);
                either.Add(phrase, Occur.SHOULD);
            }
            if (part.Length is >= 2 and <= 12 && part.All(char.IsAsciiLetterLower))
            {
                // 张三丰 → zsf: agents type a shopper's initials to find them.
                either.Add(new PrefixQuery(new Term(InitialsField, part)) { Boost = 2f }, Occur.SHOULD);
            }
            if (either.Clauses.Count == 0) continue;
            all.Add(either, Occur.MUST);
        }
        return all.Clauses.Count == 0 ? null : all;
    }

    private static BooleanQuery? Filters(SearchQuery query)
    {
        var filters = new BooleanQuery();
        void Exact(string field, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) filters.Add(new TermQuery(new Term(field, value.Trim())), Occur.MUST);
        }
        Exact(AgentField, query.Agent);
        Exact(ReasonField, query.Reason);
        Exact(LabelField, query.Label);
        Exact(CsatField, query.Csat);
        Exact(CustomerField, query.Customer);
        if (query.From is not null || query.To is not null)
        {
            filters.Add(NumericRangeQuery.NewInt64Range(StartedField, query.From?.ToUnixTimeMilliseconds(), query.To?.ToUnixTimeMilliseconds(), true, true), Occur.MUST);
        }
        if (query.OnlyForAgent is { } agent)
        {
            // ConversationAccess.CanView, as a query: queued chats and the caller's own (the endpoint checks each hit again live).
            var visible = new BooleanQuery
            {
                { new TermQuery(new Term(StatusField, nameof(HandoffContract.ConversationStatus.WaitingForAgent))), Occur.SHOULD },
                { new TermQuery(new Term(AssigneeField, agent)), Occur.SHOULD },
            };
            filters.Add(visible, Occur.MUST);
        }
        return filters.Clauses.Count == 0 ? null : filters;
    }

    private static List<(string Term, int Position)> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }
        stream.End();
        return tokens;
    }

    /// <summary>What to mark in a matching line: each part as typed (folded) and the words it was segmented into.</summary>
    private List<string> HighlightTerms(List<string> parts)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            terms.Add(part);
            foreach (var (term, _) in Tokens(_words, WordsField, part)) terms.Add(term);
        }
        return [.. terms];
    }

    private static SearchHit ToHit(Document doc, float score, LineHighlighter highlighter, bool highlight)
    {
        var f = doc.Get(StoredField).Split(Separator);
        string? N(string s) => s.Length == 0 ? null : s;
        var lines = new List<MatchedLine>();
        var stored = doc.GetValues(LineField);
        foreach (var raw in stored)
        {
            if (lines.Count >= LinesPerHit) break;
            var l = raw.Split(Separator, 4);
            var segments = highlight ? highlighter.Segments(l[3]) : null;
            if (highlight && segments is null) continue;
            lines.Add(new MatchedLine(l[0], N(l[1]), DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(l[2])), l[0] == SearchLine.NoteSender,
                segments ?? [new HighlightSegment(l[3], false)]));
        }
        if (!highlight && lines.Count > 0) lines = [lines[^1]];
        return new SearchHit(doc.Get(IdField), N(f[2]), N(f[1]), N(f[0]), N(f[3]), N(f[4]), N(f[5]),
            f[9].Length == 0 ? [] : f[9].Split('\u001e'), N(f[6]),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(f[7])), DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(f[8])), score, lines);
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
