using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Contract;

/// <summary>
/// The suite runs once per topology (test.sh: single, then cluster). A cluster pass that silently got one server
/// would prove nothing about hash tags, so this checks that the Redis the tests are given is the topology the run
/// asked for, and that on the cluster Redis really refuses a script over two slots (the rule every key's tag serves).
/// </summary>
public sealed class RedisTopologyTests
{
    [Fact]
    public async Task TheTestRedisIsTheTopologyTheRunAskedFor()
    {
        await using var redis = RedisServer.Start();
        await using var mux = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var servers = mux.GetServers();
        if (RedisServer.Topology == RedisTopology.Cluster)
        {
            Assert.Equal(3, servers.Length);
            Assert.All(servers, s => Assert.Equal(ServerType.Cluster, s.ServerType));
            Assert.All(servers, s => Assert.False(s.IsReplica));
            // Every master owns a share of the 16384 slots: keys of different tags land on different nodes.
            var nodes = servers[0].ClusterConfiguration!.Nodes;
            Assert.Equal(3, nodes.Count(n => !n.IsReplica && n.Slots.Count > 0));
        }
        else
        {
            Assert.Single(servers);
            Assert.Equal(ServerType.Standalone, servers[0].ServerType);
        }
    }

    [Fact]
    public async Task AScriptOverTwoSlotsIsRefusedOnlyOnTheCluster()
    {
        await using var redis = RedisServer.Start();
        await using var mux = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = mux.GetDatabase();
        var conversationKey = ConversationKeys.Transcript("topology-check");
        RedisKey queueKey = QueueKeys.Queue;

        // Keys of one tag always go together, on either topology.
        var sameSlot = await db.ScriptEvaluateAsync("return #KEYS",
            [conversationKey, ConversationKeys.TranscriptIds("topology-check")]);
        Assert.Equal(2, (int)sameSlot);

        if (RedisServer.Topology == RedisTopology.Cluster)
        {
            Assert.NotEqual(mux.HashSlot(conversationKey), mux.HashSlot(queueKey));
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.ScriptEvaluateAsync("return #KEYS", [conversationKey, queueKey]));
            Assert.Contains("slot", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Equal(2, (int)await db.ScriptEvaluateAsync("return #KEYS", [conversationKey, queueKey]));
        }
    }
}
