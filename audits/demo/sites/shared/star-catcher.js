// Star Catcher: the little canvas game both demo games are built on. Stars fall; tap them before
// they reach the ground. Plain DOM + canvas, no libraries, so it runs offline in any browser.
(function () {
  'use strict';

  function StarCatcher(canvas, options) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
    this.onScore = (options && options.onScore) || function () {};
    this.onRoundEnd = (options && options.onRoundEnd) || function () {};
    this.stars = [];
    this.score = 0;
    this.missed = 0;
    this.running = false;
    this.lastSpawn = 0;
    var self = this;
    canvas.addEventListener('pointerdown', function (event) {
      var bounds = canvas.getBoundingClientRect();
      self.tap((event.clientX - bounds.left) * (canvas.width / bounds.width), (event.clientY - bounds.top) * (canvas.height / bounds.height));
    });
  }

  StarCatcher.prototype.resize = function () {
    var bounds = this.canvas.getBoundingClientRect();
    this.canvas.width = Math.max(1, Math.round(bounds.width));
    this.canvas.height = Math.max(1, Math.round(bounds.height));
  };

  StarCatcher.prototype.start = function () {
    if (this.running) return;
    this.running = true;
    this.resize();
    var self = this;
    function frame(time) {
      if (!self.running) return;
      self.step(time);
      self.draw();
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  };

  StarCatcher.prototype.stop = function () {
    this.running = false;
  };

  StarCatcher.prototype.step = function (time) {
    if (time - this.lastSpawn > 700) {
      this.lastSpawn = time;
      this.stars.push({ x: 20 + Math.random() * (this.canvas.width - 40), y: -20, speed: 1.2 + Math.random() * 2, radius: 18 + Math.random() * 10 });
    }
    var height = this.canvas.height;
    var kept = [];
    for (var i = 0; i < this.stars.length; i++) {
      var star = this.stars[i];
      star.y += star.speed;
      if (star.y - star.radius > height) {
        this.missed += 1;
        if (this.missed % 10 === 0) this.onRoundEnd(this.score);
      } else {
        kept.push(star);
      }
    }
    this.stars = kept;
  };

  StarCatcher.prototype.tap = function (x, y) {
    for (var i = 0; i < this.stars.length; i++) {
      var star = this.stars[i];
      var dx = star.x - x;
      var dy = star.y - y;
      if (dx * dx + dy * dy < (star.radius + 14) * (star.radius + 14)) {
        this.stars.splice(i, 1);
        this.score += 1;
        this.onScore(this.score);
        return true;
      }
    }
    return false;
  };

  function drawStar(context, x, y, radius) {
    context.beginPath();
    for (var point = 0; point < 10; point++) {
      var angle = (Math.PI / 5) * point - Math.PI / 2;
      var length = point % 2 === 0 ? radius : radius / 2.2;
      context.lineTo(x + Math.cos(angle) * length, y + Math.sin(angle) * length);
    }
    context.closePath();
    context.fill();
  }

  StarCatcher.prototype.draw = function () {
    var context = this.context;
    var gradient = context.createLinearGradient(0, 0, 0, this.canvas.height);
    gradient.addColorStop(0, '#1b1f4b');
    gradient.addColorStop(1, '#3d2c6b');
    context.fillStyle = gradient;
    context.fillRect(0, 0, this.canvas.width, this.canvas.height);
    context.fillStyle = '#ffd84a';
    for (var i = 0; i < this.stars.length; i++) drawStar(context, this.stars[i].x, this.stars[i].y, this.stars[i].radius);
    context.fillStyle = '#ffffff';
    context.font = 'bold 20px sans-serif';
    context.fillText('★ ' + this.score, 14, 30);
  };

  window.StarCatcher = StarCatcher;
})();
