using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.TestSupport;

/// <summary>A real Kestrel app on 127.0.0.1 (port 0), with its base address, stopped on dispose.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    public WebApplication App { get; }
    public Uri BaseAddress { get; }

    private RunningApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Starts an app built by <paramref name="build"/> (which receives the --urls argument to use).</summary>
    public static async Task<RunningApp> StartAsync(Func<string[], WebApplication> build, params string[] extraArgs)
    {
        var args = new[] { "--urls", "http://127.0.0.1:0", "--environment", "Development" }.Concat(extraArgs).ToArray();
        var app = build(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public HttpClient CreateClient(HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = BaseAddress;
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
