using System.Text;
using ChatSupport.Bot.Orders.Identity;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.Bot.Tests.Orders;

public sealed class ShopperSignatureTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("store-signing-key");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1764580000));

    private ShopperSignature Signature() => new(Key, TimeSpan.FromMinutes(5), _clock);

    [Fact]
    public void TheReadmeExampleSignatureIsWhatTheBotComputes()
    {
        // The README's worked example, so a store implementer can check their signer against it.
        Assert.Equal("demo-lilei\n李雷\n1764580000", ShopperSignature.SignedText("demo-lilei", "李雷", 1764580000));
        Assert.Equal("79835b71d7a9461ef940f546d8a69d9529acb38d665fa3ed47d030c1c10bd590", ShopperSignature.Compute(Encoding.UTF8.GetBytes("store-signing-key"), "demo-lilei", "李雷", 1764580000));
    }

    [Fact]
    public void ASignatureMadeWithTheKeyChecksOutAndNamesTheShopper()
    {
        var signed = new SignedShopper("u-1001", "张三", 1764580000, ShopperSignature.Compute(Key, "u-1001", "张三", 1764580000));
        Assert.Equal(ShopperCheck.Valid, Signature().Check(signed, out var identity));
        Assert.Equal(new ShopperIdentity("u-1001", "张三"), identity);
        Assert.Equal("shopper-u-1001", identity!.UserId);
    }

    [Fact]
    public void ChangingTheIdNameOrTimeOrUsingAnotherKeyBreaksTheSignature()
    {
        var sig = ShopperSignature.Compute(Key, "u-1001", "张三", 1764580000);
        var check = Signature();
        Assert.Equal(ShopperCheck.BadSignature, check.Check(new SignedShopper("u-1002", "张三", 1764580000, sig), out _));
        Assert.Equal(ShopperCheck.BadSignature, check.Check(new SignedShopper("u-1001", "李四", 1764580000, sig), out _));
        Assert.Equal(ShopperCheck.BadSignature, check.Check(new SignedShopper("u-1001", "张三", 1764580001, sig), out _));
        var other = ShopperSignature.Compute(Encoding.UTF8.GetBytes("another-key"), "u-1001", "张三", 1764580000);
        Assert.Equal(ShopperCheck.BadSignature, check.Check(new SignedShopper("u-1001", "张三", 1764580000, other), out _));
        Assert.Equal(ShopperCheck.BadSignature, check.Check(new SignedShopper("u-1001", "张三", 1764580000, "not-hex"), out _));
    }

    [Fact]
    public void AnIdentitySignedLongerAgoThanTheWindowOrInTheFutureIsStale()
    {
        var check = Signature();
        var old = 1764580000 - 301;
        Assert.Equal(ShopperCheck.Stale, check.Check(new SignedShopper("u-1", "张三", old, ShopperSignature.Compute(Key, "u-1", "张三", old)), out _));
        var future = 1764580000 + 120;
        Assert.Equal(ShopperCheck.Stale, check.Check(new SignedShopper("u-1", "张三", future, ShopperSignature.Compute(Key, "u-1", "张三", future)), out _));
        var recent = 1764580000 - 299;
        Assert.Equal(ShopperCheck.Valid, check.Check(new SignedShopper("u-1", "张三", recent, ShopperSignature.Compute(Key, "u-1", "张三", recent)), out _));
    }

    [Theory]
    [InlineData("", "张三")]
    [InlineData("u/1", "张三")]
    [InlineData("u 1", "张三")]
    [InlineData("u-1", null)]
    public void IdsThatAreNotUrlSafeAndMissingNamesAreMalformed(string id, string? name)
    {
        var sig = ShopperSignature.Compute(Key, id, name ?? "", 1764580000);
        Assert.Equal(ShopperCheck.Malformed, Signature().Check(new SignedShopper(id, name, 1764580000, sig), out _));
    }

    [Fact]
    public void OnlyUserIdsWithTheShopperPrefixStandForASignedShopper()
    {
        Assert.Equal("u-1", ShopperIdentity.FromUser("shopper-u-1", "张三")!.ShopperId);
        Assert.Null(ShopperIdentity.FromUser("dl_0123456789abcdef", null));
        Assert.Null(ShopperIdentity.FromUser("shopper-", null));
        Assert.Null(ShopperIdentity.FromUser(null, null));
    }
}
