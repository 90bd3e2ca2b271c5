using MarrowBot.Bot.Hosting;
using MarrowBot.Staff.Commands;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMarrowBot();

var app = builder.Build();
if (StaffCommand.IsInvoked(args))
{
    return await StaffCommand.RunAsync(app.Services, args);
}

app.MapMarrowBot();
await app.RunAsync();
return 0;
