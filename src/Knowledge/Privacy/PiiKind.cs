namespace MarrowBot.Knowledge.Privacy;

/// <summary>A kind of personal data the <see cref="PiiRedactor"/> replaces, each with its own placeholder.</summary>
public enum PiiKind
{
    /// <summary>"[email]"</summary>
    Email,

    /// <summary>"[phone]": UK, US and international numbers.</summary>
    Phone,

    /// <summary>"[nhs-number]": ten digits with an NHS label or a valid mod-11 check digit.</summary>
    NhsNumber,

    /// <summary>"[id]": hospital numbers, MRNs, other long or labelled identifiers, ten-digit runs that are not NHS numbers.</summary>
    Identifier,

    /// <summary>"[date-of-birth]": a date after "born", "DOB", "date of birth" or "birthday".</summary>
    DateOfBirth,

    /// <summary>"[date]": any other full date with a year.</summary>
    Date,

    /// <summary>"[postcode]": UK postcodes and US ZIP codes (after a state or "zip").</summary>
    Postcode,

    /// <summary>"[address]": a house number and street.</summary>
    Address,

    /// <summary>"[name]": a name after "my name is", "I'm called", "call me" and similar.</summary>
    Name,
}
