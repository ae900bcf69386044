namespace ChatSupport.Bot.Orders.Identity;

/// <summary>
/// The demo store's own server side: it lists its demo shoppers and signs the one the visitor picks, as a real store's
/// backend would for its logged-in customer. The key never leaves the server; the page only passes the signed shopper
/// on to <c>/api/store/chat-token</c>.
/// </summary>
public static class StoreIdentityEndpoints
{
    public static void MapDemoShoppers(this WebApplication app)
    {
        app.MapGet("/api/store/demo-shoppers", () => Results.Json(DemoShoppers.All.Select(s => new { id = s.Id, name = s.Name, shows = s.Shows })));
        app.MapPost("/api/store/demo-shoppers/{id}/sign", (string id, ShopperSignature signature) =>
            DemoShoppers.Find(id) is { } shopper
                ? Results.Json(new { shopper = signature.Sign(shopper.Id, shopper.Name) })
                : DirectLine.DirectLineErrors.Error(404, "NotFound", "No such demo shopper."));
    }
}
