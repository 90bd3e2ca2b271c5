namespace MarrowBot.Staff.Conversations;

/// <summary>
/// A request the console cannot carry out as asked (a page token it did not issue, a label not in the list, a
/// note too long): the API answers 400 with <see cref="Exception.Message"/>, which never holds message text.
/// </summary>
public sealed class StaffInputException(string message) : Exception(message);
