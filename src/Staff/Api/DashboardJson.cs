using MarrowBot.Staff.Dashboard;

namespace MarrowBot.Staff.Api;

/// <summary>The dashboard's JSON (GET /staff/api/dashboard): the range and its time zone, each day's figures, the totals and the most-asked declined questions.</summary>
public static class DashboardJson
{
    public static object Of(StaffDashboard dashboard) => new
    {
        from = DashboardQueryParser.Format(dashboard.Query.FirstDay),
        to = DashboardQueryParser.Format(dashboard.Query.LastDay),
        timeZone = dashboard.Query.Zone.Id,
        days = dashboard.Days.Select(d => new
        {
            day = DashboardQueryParser.Format(d.Day),
            conversations = d.Conversations,
            answers = d.Answers,
            clarifications = d.Clarifications,
            declines = d.Declines,
            tiers = new { none = d.TierNone, routine = d.TierRoutine, urgent = d.TierUrgent, emergency = d.TierEmergency },
            feedback = new { positive = d.PositiveFeedback, negative = d.NegativeFeedback },
        }),
        totals = new
        {
            conversations = dashboard.Conversations,
            answers = dashboard.Answers,
            clarifications = dashboard.Clarifications,
            declines = dashboard.Declines,
            feedback = new { positive = dashboard.PositiveFeedback, negative = dashboard.NegativeFeedback, positiveRatio = dashboard.PositiveRatio },
        },
        unanswered = dashboard.Unanswered.Select(q => new { text = q.Text, count = q.Count }),
    };
}
