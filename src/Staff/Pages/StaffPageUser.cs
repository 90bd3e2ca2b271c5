namespace MarrowBot.Staff.Pages;

/// <summary>Who a page is shown to, and the anti-forgery field its sign-out form carries.</summary>
public sealed record StaffPageUser(string Name, string Role, string AntiforgeryField, string AntiforgeryToken);
