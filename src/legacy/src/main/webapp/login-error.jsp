<%@ page contentType="text/html;charset=UTF-8" %>
<!DOCTYPE html>
<html lang="en">
<head><title>Sign in failed</title></head>
<body>
<h1>Sign in failed</h1>
<p id="error" role="alert">Wrong user name or password.</p>
<p><a href="login.jsp">Try again</a></p>
</body>
</html>
