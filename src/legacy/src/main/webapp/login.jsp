<%@ page contentType="text/html;charset=UTF-8" %>
<!DOCTYPE html>
<html lang="en">
<head><title>Sign in</title></head>
<body>
<h1>Sign in</h1>
<form method="post" action="j_security_check">
  <p><label for="j_username">User name</label> <input id="j_username" name="j_username" autocomplete="username"></p>
  <p><label for="j_password">Password</label> <input id="j_password" name="j_password" type="password" autocomplete="current-password"></p>
  <p><button type="submit">Sign in</button></p>
</form>
</body>
</html>
