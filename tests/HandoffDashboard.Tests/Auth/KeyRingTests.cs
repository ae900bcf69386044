using System.Net;
using ChatSupport.HandoffDashboard.Redis;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.Auth;

/// <summary>The Data Protection key ring (it signs the session cookies) as stored in Redis.</summary>
public sealed class KeyRingTests
{
    private const string Secret = "--DataProtection:KeyEncryptionSecret=test-key-ring-secret-123";

    [Fact]
    public async Task StoredKeysAreEncryptedAndTwoInstancesWithTheSecretShareSessions()
    {
        await using var host = await DashboardHost.StartAsync(2, false, Secret);
        var admin = await host.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.On(host.Instances[1].BaseAddress).Http.GetAsync("api/auth/me")).StatusCode);
        var stored = await host.Connection.GetDatabase().HashGetAllAsync(DashboardKeys.DataProtectionKeys);
        Assert.NotEmpty(stored);
        foreach (var entry in stored)
        {
            var xml = (string)entry.Value!;
            Assert.Contains("<encryptedKey", xml);
            Assert.DoesNotContain("masterKey", xml);
            Assert.Contains("encryptedSecret", xml);
        }
    }

    [Fact]
    public async Task AnInstanceWithoutTheRightSecretCannotReadTheSessions()
    {
        await using var host = await DashboardHost.StartAsync(1, false, Secret);
        var admin = await host.AdminAsync();
        await using var wrong = await RunningApp.StartAsync(args => DashboardApplication.Build(args),
            $"--ConnectionStrings:Redis={host.Redis.ConnectionString}", "--DataProtection:KeyEncryptionSecret=another-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.On(wrong.BaseAddress).Http.GetAsync("api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task WithoutASecretTheKeysAreStoredInPlainXml()
    {
        // What the dashboard did before DataProtection:KeyEncryptionSecret (and does with it unset, with a warning).
        await using var host = await DashboardHost.StartAsync();
        await host.AdminAsync();
        var stored = await host.Connection.GetDatabase().HashGetAllAsync(DashboardKeys.DataProtectionKeys);
        Assert.Contains(stored, e => ((string)e.Value!).Contains("masterKey"));
    }
}
