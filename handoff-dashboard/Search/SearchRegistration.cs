using ChatSupport.HandoffDashboard.Labels;
using ChatSupport.HandoffDashboard.Notes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.Search;

public static class SearchRegistration
{
    /// <summary>Labels, notes and the search across conversations (its index and the feed that keeps it current).</summary>
    public static void AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>()
            .Bind(builder.Configuration.GetSection(SearchOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LabelStore>();
        builder.Services.AddSingleton<NoteStore>();
        builder.Services.AddSingleton<ConversationDocumentSource>();
        builder.Services.AddSingleton(sp => new IndexFolder(sp.GetRequiredService<IOptions<SearchOptions>>().Value.IndexPath));
        builder.Services.AddSingleton(sp => new ConversationIndex(sp.GetRequiredService<IndexFolder>().Path));
        builder.Services.AddSingleton<SearchIndexFeed>();
        if (builder.Configuration.GetValue(SearchOptions.SectionName + ":" + nameof(SearchOptions.Enabled), true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexFeed>());
        }
    }

    public static void MapSearch(this WebApplication app)
    {
        app.MapLabels();
        app.MapNotes();
        app.MapSearchApi();
    }

    /// <summary>The index's folder: the configured one, or a fresh temp folder that is removed when the host stops.</summary>
    internal sealed class IndexFolder : IDisposable
    {
        private readonly bool _temporary;

        public IndexFolder(string? configured)
        {
            _temporary = string.IsNullOrWhiteSpace(configured);
            Path = _temporary ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatsupport-search", Guid.NewGuid().ToString("N")) : configured!;
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            if (!_temporary) return;
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { /* still open on some platform: the temp cleaner takes it */ }
        }
    }
}
