using ChatSupport.HandoffDashboard;

var app = DashboardApplication.Build(args);
await app.RunAsync();
