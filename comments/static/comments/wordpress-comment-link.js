// An old WordPress link to a comment (<permalink>#comment-<WordPress id>) was redirected here with
// ?from=wordpress; the page adds this script only then. The id is WordPress's, not this site's:
// the server knows where that comment is now (comments/wordpress_links.py).
(function () {
  var id = /^#comment-([0-9]{1,18})$/.exec(location.hash);
  if (id && new URLSearchParams(location.search).get("from") === "wordpress") {
    location.replace(new URL("wordpress-comment/" + id[1] + "/", location.href));
  }
})();
