namespace ChatSupport.HandoffDashboard.Customers;

/// <summary>How contact details look to someone who may see the customer but not how to reach them (138****5678).</summary>
public static class ContactMask
{
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return phone;
        var digits = phone.Where(char.IsAsciiDigit).ToArray();
        if (digits.Length < 7) return new string('*', phone.Length);
        return new string(digits[..3]) + "****" + new string(digits[^4..]);
    }

    public static string? Email(string? email)
    {
        if (string.IsNullOrEmpty(email)) return email;
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    public static string? Address(string? address) =>
        string.IsNullOrEmpty(address) ? address : string.Concat(address.Take(Math.Min(6, address.Length / 2))) + "****";

    public static CustomerProfile Apply(CustomerProfile p) =>
        p with { Phone = Phone(p.Phone), Email = Email(p.Email), Address = Address(p.Address) };
}
