using System.Reflection;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Support;

/// <summary>
/// Counts the Redis round trips a piece of code makes through a wrapped multiplexer: each command sent on its own is
/// one, a batch or a transaction is one when it is executed (however many commands it carries), a fire-and-forget
/// command is counted apart (it is sent, but nothing waits for it). Only calls made in the flow of
/// <see cref="Measure"/> count, so the bot's background work (relay, deferred turns) on the same multiplexer does not.
/// </summary>
public sealed class CountingRedis
{
    private static readonly AsyncLocal<Counted?> Current = new();

    public sealed class Counted
    {
        private int _roundTrips, _fireAndForget;
        public int RoundTrips => _roundTrips;
        public int FireAndForget => _fireAndForget;
        public List<string> Calls { get; } = [];
        internal void RoundTrip(string what) { Interlocked.Increment(ref _roundTrips); lock (Calls) Calls.Add(what); }
        internal void Sent(string what) { Interlocked.Increment(ref _fireAndForget); lock (Calls) Calls.Add(what + " (fire and forget)"); }
        public override string ToString() => string.Join(", ", Calls);
    }

    /// <summary>Counts what is called from here on in this async flow (and the tasks it starts).</summary>
    public static Counted Measure() => Current.Value = new Counted();

    public static IConnectionMultiplexer Wrap(IConnectionMultiplexer inner) => Forwarder<IConnectionMultiplexer>.Create(inner, Kind.Multiplexer);

    internal enum Kind { Multiplexer, Database, Batch, Transaction, Subscriber }

    /// <summary>Forwards every call to the real object, counting those that go to Redis.</summary>
    public class Forwarder<T> : DispatchProxy where T : class
    {
        private T _inner = null!;
        private Kind _kind;

        internal static T Create(T inner, Kind kind)
        {
            var proxy = DispatchProxy.Create<T, Forwarder<T>>();
            var forwarder = (Forwarder<T>)(object)proxy;
            forwarder._inner = inner;
            forwarder._kind = kind;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            var name = method!.Name;
            object? result;
            try
            {
                result = method.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
            switch (_kind)
            {
                case Kind.Multiplexer when name == nameof(IConnectionMultiplexer.GetDatabase):
                    return Forwarder<IDatabase>.Create((IDatabase)result!, Kind.Database);
                case Kind.Multiplexer when name == nameof(IConnectionMultiplexer.GetSubscriber):
                    return Forwarder<ISubscriber>.Create((ISubscriber)result!, Kind.Subscriber);
                case Kind.Multiplexer:
                    return result;
                case Kind.Database when name == nameof(IDatabase.CreateBatch):
                    return Forwarder<IBatch>.Create((IBatch)result!, Kind.Batch);
                case Kind.Database when name == nameof(IDatabase.CreateTransaction):
                    return Forwarder<ITransaction>.Create((ITransaction)result!, Kind.Transaction);
            }
            if (Current.Value is not { } counted || !SendsSomething(name)) return result;
            if (_kind is Kind.Batch && name == nameof(IBatch.Execute)) counted.RoundTrip("batch");
            else if (_kind is Kind.Transaction && name is nameof(ITransaction.Execute) or nameof(ITransaction.ExecuteAsync)) counted.RoundTrip("transaction");
            else if (_kind is Kind.Batch or Kind.Transaction) { } // queued: sent with Execute
            else if (args?.OfType<CommandFlags>().Any(f => f.HasFlag(CommandFlags.FireAndForget)) == true) counted.Sent(name);
            else counted.RoundTrip(name);
            return result;
        }

        private static bool SendsSomething(string name) =>
            !name.StartsWith("get_", StringComparison.Ordinal) && name is not ("IsConnected" or "Wait" or "WaitAll" or "WaitAny" or "TryWait"
                or "IdentifyEndpoint" or "IdentifyEndpointAsync" or "AddCondition" or "ToString" or "GetHashCode" or "Equals");
    }
}
