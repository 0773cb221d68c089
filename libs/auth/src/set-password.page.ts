import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MIN_PASSWORD_LENGTH } from './password-policy';
import { Public } from './permissions';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>设置登录密码 · 督办</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .3rem}input{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1.2rem}#msg{margin-top:1rem}</style>
</head><body><h1>设置登录密码</h1>
<form id="f"><label for="p1">新密码（至少${MIN_PASSWORD_LENGTH}个字符）</label><input id="p1" type="password" autocomplete="new-password" required>
<label for="p2">再次输入</label><input id="p2" type="password" autocomplete="new-password" required><button type="submit">设置密码</button></form>
<p id="msg" role="status"></p><script src="/set-password.js"></script></body></html>`;

/** The token stays in the fragment: read by this script, sent in a POST body, then wiped from the address bar. */
const SCRIPT = `(function () {
  var token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  history.replaceState(null, '', location.pathname);
  var msg = document.getElementById('msg');
  document.getElementById('f').addEventListener('submit', function (e) {
    e.preventDefault();
    var p1 = document.getElementById('p1').value, p2 = document.getElementById('p2').value;
    if (p1 !== p2) { msg.textContent = '两次输入的密码不一致'; return; }
    fetch('/api/auth/password/set', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token, newPassword: p1 }) })
      .then(function (r) { return r.status === 204 ? null : r.json(); })
      .then(function (p) { msg.textContent = p ? ((p.errors && p.errors[0] && p.errors[0].message) || p.detail) : '密码已设置，请使用新密码登录。'; if (!p) document.getElementById('f').remove(); })
      .catch(function () { msg.textContent = '网络错误，请稍后再试'; });
  });
})();`;

/** The page a mailed set-password link opens (…/set-password#token=…), for deployments without the console. */
@ApiExcludeController()
@Controller()
export class SetPasswordPage {
  @Public()
  @Get('set-password')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  page(): string {
    return PAGE;
  }

  @Public()
  @Get('set-password.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): string {
    return SCRIPT;
  }
}
