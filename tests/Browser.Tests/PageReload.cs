using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests;

/// <summary>
/// Waits for a page to load again after an action that reloads it (location.reload()). Playwright's
/// RunAndWaitForNavigationAsync is obsolete (racy), and WaitForURLAsync cannot tell a reload from the page it
/// replaces: the address stays the same. The page's load event, subscribed to before the action, can.
/// </summary>
internal static class PageReload
{
    public static async Task RunAndWaitForReloadAsync(this IPage page, Func<Task> action, TimeSpan timeout)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await action();
            await loaded.Task.WaitAsync(timeout);
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }
}
