using ChatSupport.Bot.Protocol;

namespace ChatSupport.Bot.DirectLine;

/// <summary>Errors in the shape Direct Line clients expect: status code + {"error":{"code","message"}}.</summary>
public static class DirectLineErrors
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(ErrorResponse.Of(code, message), ProtocolJson.Options, statusCode: status);

    public static IResult MissingAuthorization() =>
        Error(StatusCodes.Status401Unauthorized, "BadArgument", "Authorization header with a Bearer secret or token is required.");

    public static IResult InvalidToken() => Error(StatusCodes.Status403Forbidden, "TokenInvalid", "Token or secret is invalid.");

    public static IResult Expired() => Error(StatusCodes.Status403Forbidden, "TokenExpired", "Token expired.");

    public static IResult ConversationTooOld() =>
        Error(StatusCodes.Status403Forbidden, "TokenExpired", "The conversation has reached its maximum age; start a new conversation.");

    public static IResult WrongConversation() =>
        Error(StatusCodes.Status403Forbidden, "TokenInvalid", "Token is not valid for this conversation.");

    public static IResult UnknownConversation() => Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");
}
