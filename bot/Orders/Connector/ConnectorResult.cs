namespace ChatSupport.Bot.Orders.Connector;

public enum ConnectorFailure
{
    /// <summary>No answer within Store:ConnectorTimeoutSeconds.</summary>
    Timeout,
    /// <summary>Could not connect, or the connector answered 5xx / an unexpected status.</summary>
    Unavailable,
    /// <summary>Answered, but not with the JSON of the contract.</summary>
    BadResponse,
    /// <summary>The connector refused the bot's signature (401/403): the keys differ.</summary>
    Refused,
    /// <summary>404: no such order (or shopper).</summary>
    NotFound,
}

/// <summary>What a connector call gave: a value, or why not. Connector calls never throw into a turn.</summary>
public sealed record ConnectorResult<T>(T? Value, ConnectorFailure? Failure, string? Detail = null) where T : class
{
    public bool Ok => Failure is null && Value is not null;

    public static ConnectorResult<T> Success(T value) => new(value, null);

    public static ConnectorResult<T> Failed(ConnectorFailure failure, string detail) => new(null, failure, detail);
}
